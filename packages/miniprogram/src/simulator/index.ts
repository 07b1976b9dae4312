/** The developer simulator served by `tessera dev`. */
export { startDevServer, type DevServer } from './dev-server';
