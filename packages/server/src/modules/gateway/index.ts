export { Gateway, type GatewayOptions } from './gateway.ws';
export { closeCodes } from './gateway.connection';
export { decodeFrame } from './frame-decoder';
