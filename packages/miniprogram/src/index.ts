/**
 * @tessera/miniprogram: compile WeChat-format mini programs and run them in the browser
 * (logic in a Worker, views in sandboxed iframes) behind one host bridge.
 */
export * from './compiler/index';
export { runtimeBundles, type RuntimeBundles } from './runtime/runtime-bundles';
export { regionPickerBundle, regionTable, RegionDataError } from './runtime/region-data';
export type { RegionNode, RegionPickerBundle, RegionTable } from './runtime/shared/region-table';
export { startDevServer, type DevServer } from './simulator/dev-server';
export type { HostHooks, ApiOutcome } from './runtime/host/host-bridge';
export type { NetworkPolicy } from './runtime/host/network-policy';
