import type { PackageManifest } from '../../compiler/package-manifest';
import { VIEW_PAGE_MESSAGE, type HostToLogic, type LogicToHost } from '../shared/runtime-messages';
import { LOGIC_ERROR_MESSAGE, LOGIC_PORT_MESSAGE, LOGIC_START_MESSAGE, logicFrameDocument, makeNonce, spareViewFrameDocument, viewFrameDocument } from './frame-documents';
import type { SandboxPrewarm, WaitingLogic } from './sandbox-prewarm';
import { createChrome, type HostChrome } from './host-chrome';
import type { HostBridge } from './host-bridge';
import { SocketRelay } from './socket-relay';
import { CameraHost } from './camera-host';
import { HostPackages, type PackageBundles } from './host-packages';
import { moduleLineMap } from '../shared/module-lines';
import { pullDownStyle } from '../shared/page-window';
import { REGION_PICKER_MESSAGE, REGION_REQUEST_MESSAGE, type RegionPickerBundle } from '../shared/region-table';

/**
 * A compiled package as the host loads it: the main package's bundles, and subpackages either
 * given up front or fetched by `loadSubpackage` the first time the program needs one.
 */
export interface LoadedPackage {
  manifest: PackageManifest;
  logicJs: string;
  viewJs: string;
  styles: Record<string, string>;
  subpackages?: Record<string, PackageBundles>;
  loadSubpackage?(root: string): Promise<PackageBundles>;
}

/** The browser bundles of the logic and view runtimes. */
export interface RuntimeScripts {
  logic: string;
  view: string;
}

/** Where the app's storage lives; the simulator uses the page's localStorage, the web app its own store. */
export interface StorageBackend {
  load(): Record<string, string>;
  set(key: string, json: string | undefined): void;
  clear(): void;
}

/** Everything the host needs to run one mini program. */
export interface MiniProgramHostOptions {
  container: HTMLElement;
  package: LoadedPackage;
  runtime: RuntimeScripts;
  bridge: HostBridge;
  storage: StorageBackend;
  /** Absolute URL the package's own files (images) are served from, ending in '/'. */
  assetBase: string;
  launch?: { path: string; query: Record<string, string> };
  onConsole?(level: string, text: string): void;
  onStack?(pages: Array<{ pageId: number; path: string; query: Record<string, string> }>): void;
  onPageData?(pageId: number, data: unknown): void;
  /** Draws prompts (toast, modal) into the phone screen; given the overlay element. */
  onChrome?(chrome: HostChrome): void;
  /**
   * Whether subpackage code may reach the running logic Worker later, as data it evaluates
   * through a Trusted Types policy only the runtime holds. Defaults to whether this browser has
   * Trusted Types; without them every subpackage's logic is part of the Worker's script from the
   * start (views still load per page) and the Worker's CSP keeps refusing eval altogether.
   */
  lateCode?: boolean;
  /** A warm sandbox from `prewarmSandbox`: the launch takes its waiting logic frame when it fits. */
  prewarm?: SandboxPrewarm;
  /**
   * Fetches the region picker's code and province/city/district table (`regionPickerBundle()`
   * on the server) the first time a page opens a `<picker mode="region">`; without it such a
   * picker reports that it is unavailable.
   */
  regionPicker?(): Promise<RegionPickerBundle>;
}

/** How long after a page opened the spare view for the next page is made. */
const SPARE_VIEW_AFTER_MS = 300;

/**
 * Runs a mini program: a hidden sandboxed frame that owns the logic Worker, one sandboxed
 * frame per page view, and the host chrome (navigation bar, tab bar) around them. All
 * traffic goes over MessagePorts; the host answers wx.* calls through the bridge.
 */
export class MiniProgramHost {
  readonly chrome: HostChrome;
  private readonly frames = new Map<number, HTMLIFrameElement>();
  private readonly pagePaths = new Map<number, string>();
  private logicFrame: HTMLIFrameElement | undefined;
  private logicPort: MessagePort | undefined;
  /** Messages for the logic layer from before its port arrived. */
  private readonly beforeBoot: Array<[HostToLogic, Transferable[]]> = [];
  private onFrameMessage: ((event: MessageEvent) => void) | undefined;
  private stack: Array<{ pageId: number; path: string; query: Record<string, string> }> = [];
  private booted: (() => void) | undefined;
  private readonly sockets: SocketRelay;
  private readonly cameras: CameraHost;
  /** The launch page's view, created alongside the logic layer so the two start in parallel. */
  private prepared: { path: string; frame: HTMLIFrameElement; loaded: Promise<void> } | undefined;
  /** A view frame loaded ahead for the next page to open (see spareViewFrameDocument), once it has loaded. */
  private spare: { frame: HTMLIFrameElement; loaded: boolean } | undefined;
  private spareTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private readonly packages: HostPackages;
  private readonly lateCode: boolean;
  private readonly delivered = new Set<string>();
  /** Packages sent to a prewarmed Worker before it asked; its one request for each is already answered. */
  private readonly pushed = new Set<string>();
  private regionPicker: Promise<RegionPickerBundle> | undefined;

  constructor(private readonly options: MiniProgramHostOptions) {
    const loaded = options.package;
    this.packages = new HostPackages({
      manifest: loaded.manifest,
      main: { logicJs: loaded.logicJs, viewJs: loaded.viewJs, styles: loaded.styles },
      subpackages: loaded.subpackages,
      load: loaded.loadSubpackage?.bind(loaded),
    });
    const window = options.container.ownerDocument.defaultView as (Window & { trustedTypes?: unknown }) | null;
    this.lateCode = options.lateCode ?? typeof window?.trustedTypes === 'object';
    const app = options.package.manifest.app;
    this.chrome = createChrome(options.container, app, () => this.toLogic({ type: 'navigate', openType: 'navigateBack', url: '', delta: 1 }), (index) => {
      const item = app.tabBar?.list[index];
      if (item) this.toLogic({ type: 'tab.tap', index, pagePath: item.pagePath, text: item.text });
    }, options.assetBase);
    options.onChrome?.(this.chrome);
    this.cameras = new CameraHost({
      pages: this.chrome.pages,
      bridge: options.bridge,
      views: () => [...this.frames.values(), ...(this.prepared ? [this.prepared.frame] : [])],
      frameOf: (pageId) => this.frames.get(pageId),
    });
    this.sockets = new SocketRelay(options.bridge.policy, (id, event) => this.toLogic({ type: 'socket.event', id, event }));
  }

  /** Roots of the packages whose logic the logic layer has been given so far ('' is the main package). */
  loadedPackages(): string[] {
    return [...this.delivered];
  }

  /**
   * Starts the logic layer; resolves once App and the first page have been created. The
   * packages the launch page needs are fetched first (only its own for an independent
   * subpackage), as WeChat downloads them before showing the page.
   */
  async start(): Promise<void> {
    const manifest = this.options.package.manifest;
    const launchPath = this.options.launch?.path ?? manifest.entryPage;
    const needed = launchPath in manifest.pages ? this.packages.packagesFor(launchPath) : [''];
    // Without late code the Worker gets every package's logic in its script.
    const inScript = this.lateCode ? needed : ['', ...this.packages.roots];
    await Promise.all(inScript.map((root) => this.packages.fetch(root)));
    const waiting = this.options.prewarm?.takeLogicFrame(this.lateCode, this.options.runtime.logic);
    // A prewarmed Worker already runs the runtime alone: the launch packages reach it as late code.
    const given = waiting?.port ? [] : inScript;
    for (const root of given) this.delivered.add(root);
    const ready = this.startFrames(given, waiting);
    if (waiting?.port) {
      // Sent right behind the boot message, the launch packages are there when the logic layer
      // asks for them; its requests for these are then answered already.
      for (const root of inScript) {
        this.pushed.add(root);
        this.deliverPackage(root, true);
      }
    }
    return ready;
  }

  private startFrames(inScript: string[], waiting: WaitingLogic | undefined): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      this.booted = resolve;
    });
    const { script, lineMap } = this.workerScript(inScript);
    // A prewarmed logic frame is loaded already and starts the Worker when given the script.
    const frame = waiting?.frame ?? this.options.container.ownerDocument.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.display = 'none';
    if (!waiting) frame.srcdoc = logicFrameDocument(makeNonce(), script, lineMap, this.lateCode);
    let launchView: MessagePort | undefined;
    const view = this.options.container.ownerDocument.defaultView as Window;
    // The frame posts its end of the Worker's channel as soon as its script runs; only
    // messages from that frame's own window are taken.
    this.onFrameMessage = (event: MessageEvent) => {
      if (this.answerRegions(event) || this.cameras.receive(event)) return;
      if (event.source !== frame.contentWindow || event.source === null) return;
      const data = event.data as { type?: string; text?: string } | null;
      if (data?.type === LOGIC_ERROR_MESSAGE) {
        this.options.onConsole?.('error', String(data.text ?? 'logic worker failed'));
        return;
      }
      const port = event.ports[0];
      if (data?.type !== LOGIC_PORT_MESSAGE || !port) return;
      connect(port);
    };
    const connect = (port: MessagePort): void => {
      if (this.logicPort) return;
      this.logicPort = port;
      port.onmessage = (next) => this.fromLogic(next.data as LogicToHost);
      this.toLogic(
        {
          type: 'boot',
          manifest: this.options.package.manifest,
          storage: this.options.storage.load(),
          systemInfo: this.systemInfo(),
          launch: this.options.launch ?? { path: this.options.package.manifest.entryPage, query: {} },
          launchView,
          packages: inScript,
        },
        launchView ? [launchView] : [],
      );
      for (const [message, transfer] of this.beforeBoot.splice(0)) port.postMessage(message, transfer);
    };
    view.addEventListener('message', this.onFrameMessage);
    // The logic frame goes first: its Worker is the longer road to the first render.
    if (!waiting) this.options.container.ownerDocument.body.appendChild(frame);
    else if (!waiting.port) waiting.frame.contentWindow?.postMessage({ type: LOGIC_START_MESSAGE, script, lineMap }, '*');
    this.logicFrame = frame;
    // The launch page's view starts now, beside the logic layer, already wired to it, so its
    // first data goes straight from the Worker to the view without a round trip through here.
    const launch = this.options.launch?.path ?? this.options.package.manifest.entryPage;
    if (launch in this.options.package.manifest.pages) {
      const prepared = this.createViewFrame(launch);
      // Shown from the start: browsers hold back rendering of hidden cross-origin frames, which
      // would delay the first paint until the stack arrives from the logic layer.
      prepared.frame.removeAttribute('data-hidden');
      const viewChannel = new MessageChannel();
      launchView = viewChannel.port2;
      void prepared.loaded.then(() => prepared.frame.contentWindow?.postMessage({ type: 'port' }, '*', [viewChannel.port1]));
      this.prepared = prepared;
    }
    if (waiting?.port) connect(waiting.port);
    return ready;
  }

  /** Removes every frame; the Worker goes with its frame. */
  destroy(): void {
    this.sockets.closeAll();
    this.cameras.destroy();
    this.logicPort?.close();
    if (this.onFrameMessage) this.options.container.ownerDocument.defaultView?.removeEventListener('message', this.onFrameMessage);
    this.logicFrame?.remove();
    for (const frame of this.frames.values()) frame.remove();
    this.frames.clear();
    this.prepared?.frame.remove();
    this.destroyed = true;
    clearTimeout(this.spareTimer);
    this.spare?.frame.remove();
    this.spare = undefined;
  }

  /** The pages on the stack, bottom first. */
  pages(): Array<{ pageId: number; path: string; query: Record<string, string> }> {
    return [...this.stack];
  }

  /** The view frame of a page. */
  frame(pageId: number): HTMLIFrameElement | undefined {
    return this.frames.get(pageId);
  }

  /** Asks the logic layer for a page's data (answered through onPageData). */
  inspect(pageId: number): void {
    this.toLogic({ type: 'inspect', pageId });
  }

  /** Simulates the user pulling the top page down (only a page with enablePullDownRefresh refreshes). */
  pullDown(): void {
    this.toLogic({ type: 'pulldown' });
  }

  /** Simulates the app going to the background and back. */
  setVisible(visible: boolean): void {
    this.cameras.setAppVisible(visible);
    this.toLogic({ type: visible ? 'app.show' : 'app.hide' });
  }

  private toLogic(message: HostToLogic, transfer: Transferable[] = []): void {
    if (this.logicPort) this.logicPort.postMessage(message, transfer);
    else this.beforeBoot.push([message, transfer]);
  }

  private workerScript(roots: string[]): { script: string; lineMap: Array<[number, string]> } {
    const runtime = this.options.runtime.logic;
    const logic = roots.map((root) => this.packages.get(root)?.logicJs ?? '').join('\n');
    return { script: `${runtime}\n${logic}`, lineMap: moduleLineMap(logic, runtime.split('\n').length) };
  }

  /** The logic layer asks for a package's code: fetch it once and hand it over as data. */
  private deliverPackage(root: string, unasked = false): void {
    if (!unasked && this.pushed.delete(root)) return;
    if (!this.lateCode) {
      this.toLogic({ type: 'package.code', root, error: 'this host runs every package from the start' });
      return;
    }
    this.packages.fetch(root).then(
      (bundles) => {
        this.delivered.add(root);
        this.toLogic({ type: 'package.code', root, code: bundles.logicJs });
      },
      (error: unknown) => this.toLogic({ type: 'package.code', root, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /**
   * A page's view asks for the region picker (it has no network of its own): fetched once, then
   * posted to the asking frame. Only this host's own view frames are answered.
   */
  private answerRegions(event: MessageEvent): boolean {
    if ((event.data as { type?: unknown } | null)?.type !== REGION_REQUEST_MESSAGE) return false;
    const source = event.source as Window | null;
    const views = [...this.frames.values(), this.prepared?.frame].map((frame) => frame?.contentWindow);
    if (!source || !views.includes(source)) return true;
    const reply = (answer: RegionPickerBundle | { error: string }): void => source.postMessage({ type: REGION_PICKER_MESSAGE, ...answer }, '*');
    const load = this.options.regionPicker;
    if (!load) {
      reply({ error: 'this host serves no region data' });
      return true;
    }
    this.regionPicker ??= load().catch((error: unknown) => {
      // A failed fetch may be retried by the next picker that opens.
      this.regionPicker = undefined;
      throw error;
    });
    this.regionPicker.then(
      (bundle) => reply({ script: bundle.script, table: bundle.table }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  }

  private systemInfo(): Record<string, unknown> {
    const area = this.chrome.pages;
    const view = this.options.container.ownerDocument.defaultView;
    const width = area.clientWidth || 375;
    const height = area.clientHeight || 667;
    return {
      brand: 'Tessera', model: 'Tessera', pixelRatio: view?.devicePixelRatio ?? 2, screenWidth: width, screenHeight: this.chrome.screen.clientHeight || height,
      windowWidth: width, windowHeight: height, statusBarHeight: 0, language: 'zh_CN', version: '8.0.0', system: 'Tessera 1.0', platform: 'devtools',
      SDKVersion: '3.4.0', theme: 'light', safeArea: { left: 0, right: width, top: 0, bottom: height, width, height },
    };
  }

  private fromLogic(message: LogicToHost): void {
    switch (message.type) {
      case 'booted':
        this.booted?.();
        this.prepareSpare();
        break;
      case 'api':
        void this.answer(message.id, message.name, (message.args ?? {}) as Record<string, unknown>);
        break;
      case 'console':
        this.options.onConsole?.(message.level, message.text);
        break;
      case 'storage.set':
        this.options.storage.set(message.key, message.value);
        break;
      case 'storage.clear':
        this.options.storage.clear();
        break;
      case 'view.open':
        this.openView(message.pageId, message.path);
        break;
      case 'package.load':
        this.deliverPackage(message.root);
        break;
      case 'view.close':
        this.frames.get(message.pageId)?.remove();
        this.frames.delete(message.pageId);
        this.pagePaths.delete(message.pageId);
        break;
      case 'stack':
        this.stack = message.pages;
        this.showPage(message.visible);
        this.options.onStack?.(message.pages);
        break;
      case 'socket.open':
        this.sockets.open(message.id, message.url, message.protocols);
        break;
      case 'socket.send':
        this.sockets.send(message.id, message.data);
        break;
      case 'socket.close':
        this.sockets.close(message.id, message.code, message.reason);
        break;
      case 'page.data':
        this.options.onPageData?.(message.pageId, JSON.parse(message.data));
        break;
      default:
        break;
    }
  }

  private async answer(id: number, name: string, args: Record<string, unknown>): Promise<void> {
    if (name === 'setNavigationBarTitle') this.chrome.setTitle(String(args.title ?? ''));
    if (name === 'setNavigationBarColor') this.chrome.setColors(String(args.frontColor ?? '#000000'), String(args.backgroundColor ?? '#f7f7f7'));
    const local = ['setNavigationBarTitle', 'setNavigationBarColor', 'showNavigationBarLoading', 'hideNavigationBarLoading'];
    const badge = this.tabBadge(name, args);
    // CameraContext calls are carried out here, on the camera this host opened for the page.
    const camera = name.startsWith('CameraContext.') ? await this.cameras.call(name, args) : undefined;
    const outcome = badge ?? camera ?? (local.includes(name) ? { ok: true as const, result: {} } : await this.options.bridge.call(name, args));
    this.toLogic(outcome.ok ? { type: 'api.result', id, ok: true, result: outcome.result } : { type: 'api.result', id, ok: false, errMsg: outcome.errMsg });
  }

  /** Tab bar badges and red dots are host chrome, drawn here for every embedding. */
  private tabBadge(name: string, args: Record<string, unknown>): { ok: true; result: object } | { ok: false; errMsg: string } | undefined {
    const badges: Record<string, string | undefined> = { setTabBarBadge: String(args.text ?? ''), showTabBarRedDot: '', removeTabBarBadge: undefined, hideTabBarRedDot: undefined };
    if (!(name in badges)) return undefined;
    const changed = this.chrome.setBadge(Number(args.index ?? -1), badges[name]);
    return changed ? { ok: true, result: {} } : { ok: false, errMsg: `${name}:fail tabbar item not found` };
  }

  private openView(pageId: number, path: string): void {
    // The frame prepared at start for the launch page is used for it; any other page gets a new one.
    const prepared = this.prepared?.path === path ? this.prepared : undefined;
    if (prepared) this.prepared = undefined;
    const { frame, loaded } = prepared ?? this.createViewFrame(path);
    frame.dataset.pageId = String(pageId);
    this.frames.set(pageId, frame);
    this.pagePaths.set(pageId, path);
    // The prepared launch view was connected to the logic layer at boot.
    if (prepared) return;
    void loaded.then(() => {
      if (!this.frames.has(pageId)) return;
      const channel = new MessageChannel();
      frame.contentWindow?.postMessage({ type: 'port' }, '*', [channel.port1]);
      this.toLogic({ type: 'view.attach', pageId, port: channel.port2 }, [channel.port2]);
    });
  }

  private createViewFrame(path: string): { path: string; frame: HTMLIFrameElement; loaded: Promise<void> } {
    const { manifest } = this.options.package;
    // The page's packages are here already: the logic layer fetched them before opening it.
    const { viewJs, styles } = this.packages.viewParts(path);
    const entry = manifest.pages[path];
    const css = (entry?.styles ?? []).map((key) => styles[key] ?? '').join('\n');
    const prefixes = Object.fromEntries(Object.entries(manifest.components).map(([componentPath, component]) => [componentPath, component.classPrefix]));
    const page = { path, prefixes, assetBase: this.options.assetBase, webViewOrigins: this.webViewOrigins(), reachBottomDistance: reachBottomDistance(entry?.config, manifest.app.window), pullDown: pullDownStyle(entry?.config, manifest.app.window as Record<string, unknown> | undefined) };
    const spare = this.spare?.loaded ? this.spare : undefined;
    if (spare) {
      // The spare has loaded and runs the view runtime: it takes the page's parts as a message,
      // which arrives before the port the caller posts next.
      this.spare = undefined;
      this.prepareSpare();
      const frame = spare.frame;
      delete frame.dataset.spare;
      frame.dataset.path = path;
      frame.title = path;
      frame.contentWindow?.postMessage({ type: VIEW_PAGE_MESSAGE, page, css, viewPackage: viewJs }, '*');
      return { path, frame, loaded: Promise.resolve() };
    }
    const frame = this.viewFrameElement();
    frame.dataset.path = path;
    frame.title = path;
    frame.srcdoc = viewFrameDocument({ nonce: makeNonce(), css, page, viewRuntime: this.options.runtime.view, viewPackage: viewJs, assetOrigin: new URL(this.options.assetBase).origin });
    const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    this.chrome.pages.appendChild(frame);
    return { path, frame, loaded };
  }

  private webViewOrigins(): string[] {
    return this.options.bridge.policy.webViewOrigins ?? [];
  }

  /** A view iframe, sandboxed and hidden, not yet in the document. */
  private viewFrameElement(): HTMLIFrameElement {
    const frame = this.options.container.ownerDocument.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('allow', '');
    frame.setAttribute('data-hidden', '');
    return frame;
  }

  /**
   * Makes the spare view the next page will take, a moment after the page that took the last one
   * (or the first page) opened, so that making it stays off that page's own start.
   */
  private prepareSpare(): void {
    clearTimeout(this.spareTimer);
    this.spareTimer = setTimeout(() => {
      if (this.destroyed || this.spare) return;
      const frame = this.viewFrameElement();
      frame.dataset.spare = '';
      const spare = { frame, loaded: false };
      frame.addEventListener(
        'load',
        () => {
          spare.loaded = true;
          // Marked in the host document, as the prewarm's frames are, so an embedding (or a test) sees it.
          if (frame.dataset.spare !== undefined) frame.dataset.spare = 'loaded';
        },
        { once: true },
      );
      frame.srcdoc = spareViewFrameDocument({ nonce: makeNonce(), viewRuntime: this.options.runtime.view, assetOrigin: new URL(this.options.assetBase).origin, webViewOrigins: this.webViewOrigins() });
      this.spare = spare;
      this.chrome.pages.appendChild(frame);
    }, SPARE_VIEW_AFTER_MS);
  }

  private showPage(pageId: number): void {
    // A launch view the logic layer did not open (the app relaunched elsewhere) stays out of sight.
    this.prepared?.frame.setAttribute('data-hidden', '');
    for (const [id, frame] of this.frames) {
      if (id === pageId) frame.removeAttribute('data-hidden');
      else frame.setAttribute('data-hidden', '');
    }
    const path = this.pagePaths.get(pageId) ?? '';
    const config = this.options.package.manifest.pages[path]?.config ?? {};
    const windowConfig = this.options.package.manifest.app.window ?? {};
    this.chrome.setTitle(String(config.navigationBarTitleText ?? windowConfig.navigationBarTitleText ?? ''));
    this.chrome.setNavigationStyle(String(config.navigationStyle ?? windowConfig.navigationStyle ?? 'default'));
    // A page's json overrides app.json "window" for its own navigation bar.
    const textStyle = config.navigationBarTextStyle ?? windowConfig.navigationBarTextStyle;
    this.chrome.setColors(textStyle === 'white' ? '#ffffff' : '#000000', String(config.navigationBarBackgroundColor ?? windowConfig.navigationBarBackgroundColor ?? '#f7f7f7'));
    this.chrome.setBack(this.stack.length > 1);
    this.chrome.selectTab(path);
  }
}

/** The page's onReachBottomDistance (page json over app.json window), when it sets a valid one. */
function reachBottomDistance(page: Record<string, unknown> | undefined, window: unknown): number | undefined {
  const value = page?.onReachBottomDistance ?? (window as Record<string, unknown> | undefined)?.onReachBottomDistance;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}
