/** The server's public face: only the CLI's `start` uses it. */
export { createApp, type App, type AppOptions } from './app';
export { loadConfig, ConfigError, type Config } from './config';
export { runServer } from './main';
