/**
 * What an embedding (the simulator now, the web app later) uses to run mini programs in a
 * browser page: the host, the bridge with its hooks, the network policy and the storage contract.
 */
export { MiniProgramHost, type MiniProgramHostOptions, type LoadedPackage, type RuntimeScripts, type StorageBackend } from './mini-program-host';
export { HostBridge, HookFailure, type HostHooks, type ApiArguments, type ApiOutcome, type Fetcher } from './host-bridge';
export { refuseUrl, DEFAULT_TIMEOUT_MS, MAX_CONCURRENT_REQUESTS, type NetworkPolicy } from './network-policy';
export type { HostChrome } from './host-chrome';
export { prewarmSandbox, type PrewarmOptions, type SandboxPrewarm, type WaitingLogic } from './sandbox-prewarm';
