/**
 * The `tessera dev` simulator page: a phone frame with device presets around a running mini
 * program, a console with logic-layer logs, data and storage inspectors, a page-stack view,
 * and hot reload when the dev server reports a rebuild.
 */
import { HostBridge } from '../runtime/host/host-bridge';
import { MiniProgramHost, type LoadedPackage } from '../runtime/host/mini-program-host';
import type { NetworkPolicy } from '../runtime/host/network-policy';
import { prewarmSandbox, type SandboxPrewarm } from '../runtime/host/sandbox-prewarm';
import { simulatorHooks } from './simulator-hooks';
import { openTypeHooks } from './simulator-open-types';
import { createPanels } from './simulator-panels';
import { localStorageBackend } from './simulator-storage';
import { relayUrl } from './request-map';
import type { RegionPickerBundle } from '../runtime/shared/region-table';

interface PackageResponse {
  package?: LoadedPackage;
  policy?: NetworkPolicy;
  /** Origins the project maps elsewhere; requests to them go through the dev server's relay. */
  relay?: string[];
  errors?: string[];
}

const DEVICES: Record<string, [number, number]> = { 'iPhone SE': [375, 667], 'iPhone 14': [390, 844], 'Pixel 7': [412, 915], 'iPad mini': [744, 1133] };

const state = {
  host: undefined as MiniProgramHost | undefined,
  logs: [] as Array<{ level: string; text: string; at: number }>,
  /** Absolute time (timeOrigin + now) when the current run was started. */
  startedAt: 0,
  ready: undefined as Promise<void> | undefined,
  generation: 0,
  errors: [] as string[],
};
(window as unknown as { __simulator: typeof state }).__simulator = state;
/** The warm sandbox launches take their logic frame from (none with `?prewarm=0`). */
let warm: SandboxPrewarm | undefined;
/** The region picker's code and table, fetched the first time one opens and kept across reloads. */
let regionPicker: Promise<RegionPickerBundle> | undefined;

async function fetchText(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

async function launch(panels: ReturnType<typeof createPanels>): Promise<void> {
  const previousStack = state.host?.pages();
  state.host?.destroy();
  state.host = undefined;
  const [logic, view, body] = await Promise.all([fetchText('/__tessera/logic.js'), fetchText('/__tessera/view.js'), fetchText('/__tessera/package.json')]);
  const response = JSON.parse(body) as PackageResponse;
  state.errors = response.errors ?? [];
  panels.showErrors(state.errors);
  if (!response.package || !response.policy) return;
  // Subpackages stay on the server until the program first needs one, as on a phone.
  const loaded: LoadedPackage = {
    ...response.package,
    loadSubpackage: async (root) => JSON.parse(await fetchText(`/__tessera/subpackage.json?root=${encodeURIComponent(root)}&id=${response.package?.manifest.id ?? ''}`)) as Awaited<ReturnType<NonNullable<LoadedPackage['loadSubpackage']>>>,
  };
  const backend = localStorageBackend(loaded.manifest.appId);
  // Every write shows up in the storage inspector at once.
  const storage = {
    load: () => backend.load(),
    set: (key: string, json: string | undefined) => {
      backend.set(key, json);
      panels.showStorage(backend.load());
    },
    clear: () => {
      backend.clear();
      panels.showStorage(backend.load());
    },
  };
  const host: MiniProgramHost = new MiniProgramHost({
    container: panels.phone,
    package: loaded,
    runtime: { logic, view },
    bridge: new HostBridge({
      policy: response.policy,
      hooks: {
        ...simulatorHooks(() => host.chrome.overlay, (text) => panels.log('info', text)),
        ...openTypeHooks(() => host.chrome.overlay, (text) => panels.log('info', text), loaded.manifest.appId),
      },
      networkTimeout: loaded.manifest.app.networkTimeout,
      fetch: relayingFetch(response.relay ?? []),
    }),
    storage,
    assetBase: new URL('/app/', location.href).href,
    launch: relaunchTarget(previousStack, loaded),
    prewarm: warm,
    lateCode: lateCode(),
    regionPicker: () =>
      (regionPicker ??= fetchText('/__tessera/region-picker.json').then(
        (text) => JSON.parse(text) as RegionPickerBundle,
        (error: unknown) => {
          regionPicker = undefined;
          throw error;
        },
      )),
    onConsole: (level, text) => {
      state.logs.push({ level, text, at: performance.timeOrigin + performance.now() });
      panels.log(level, text);
    },
    onStack: (pages) => {
      panels.showStack(pages);
      panels.showStorage(storage.load());
      const top = pages[pages.length - 1];
      if (top) host.inspect(top.pageId);
    },
    onPageData: (_pageId, data) => panels.showData(data),
  });
  state.host = host;
  state.generation++;
  state.startedAt = performance.timeOrigin + performance.now();
  state.ready = host.start();
  await state.ready;
}

/** The page's fetch, sending requests for mapped origins to the dev server's relay instead. */
function relayingFetch(origins: readonly string[]): (url: string, init: RequestInit) => Promise<Response> {
  return (url, init) => fetch(relayUrl(url, origins, location.href) ?? url, init);
}

/**
 * `?lateCode=0` runs the program as a browser without Trusted Types would: every package's logic
 * in the Worker's script from the start, and no eval at all.
 */
function lateCode(): boolean | undefined {
  return new URLSearchParams(location.search).get('lateCode') === '0' ? false : undefined;
}

/** After a hot reload, reopen the page the developer was looking at. */
function relaunchTarget(stack: Array<{ path: string; query: Record<string, string> }> | undefined, loaded: LoadedPackage): { path: string; query: Record<string, string> } | undefined {
  const top = stack?.[stack.length - 1];
  const search = new URLSearchParams(location.search);
  if (top && top.path in loaded.manifest.pages) return { path: top.path, query: top.query };
  const requested = search.get('page');
  if (requested && requested in loaded.manifest.pages) return { path: requested, query: Object.fromEntries(new URLSearchParams(search.get('query') ?? '')) };
  return undefined;
}

function main(): void {
  const panels = createPanels(document.body, DEVICES, {
    onRefreshData: () => {
      const top = state.host?.pages().at(-1);
      if (top) state.host?.inspect(top.pageId);
    },
    onPullDown: () => state.host?.pullDown(),
    onVisibility: (visible) => state.host?.setVisible(visible),
  });
  // The sandbox process warms while the runtime and package download (after the panels, which
  // replace the body's children). `?prewarm=0` turns this off, to measure a start with nothing
  // prepared; `?prewarm=ready` launches only once the sandbox is warm and a Worker runs the
  // runtime, as an app list would have them when the user picks an app.
  const prewarm = new URLSearchParams(location.search).get('prewarm');
  if (prewarm !== '0' && prewarm !== 'ready') warm = prewarmSandbox(document, { lateCode: lateCode() });
  const events = new EventSource('/__tessera/events');
  events.addEventListener('reload', () => {
    panels.log('info', 'project changed: reloading');
    void launch(panels);
  });
  if (prewarm === 'ready') {
    void fetchText('/__tessera/logic.js')
      .then((logicRuntime) => {
        warm = prewarmSandbox(document, { lateCode: lateCode(), logicRuntime });
        return warm.ready;
      })
      .then(() => launch(panels));
  } else {
    void launch(panels);
  }
}

main();
