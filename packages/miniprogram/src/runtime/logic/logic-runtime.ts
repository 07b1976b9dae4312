import { pullDownStyle } from '../shared/page-window';
import type { HostToLogic, LogicToHost, SelectorRequest, ViewToLogic } from '../shared/runtime-messages';
import type { PackageManifest } from '../../compiler/package-manifest';
import { ApiFailure } from './api-style';
import { SocketTasks } from './socket-task';
import { selectComponents, selectors } from './component-selector';
import { forgetCanvasNodes, resolveCanvasNodes } from './canvas-nodes';
import type { CanvasNodeServices } from './canvas-image';
import { BEHAVIOR_MARK, defineComponent, type ComponentDefinition } from './component-definition';
import { createComponentInstance, observeInitialProperties, runLifetime, updateProperties, type ComponentState } from './component-instance';
import { invoke, setErrorReporter } from './lifecycle-invoker';
import { ModuleRegistry } from './module-registry';
import { callPage, createPage, type PageRecord } from './page-instance';
import { NavigationError, PageStack } from './page-stack';
import { StorageCache } from './storage-cache';
import { formatArguments, type LineMap } from './worker-console';
import { createWx } from './wx-api';
import { createSelectorQuery } from './selector-query';
import type { PortLike } from './view-channel';
import { PackageLoader, type CodeEvaluator, type TextDigest } from './package-loader';
import { preloadFor } from './preload-rule';
import { openTypeFromButton, shareFromButton } from './open-type-buttons';
import { sha256Hex } from '../shared/sha256';

/**
 * The logic layer of one running mini program: modules, App/Page/Component registration,
 * the page stack, component instances created by the views, and wx.*.
 */
export class LogicRuntime {
  readonly registry = new ModuleRegistry();
  private readonly pageOptions = new Map<string, Record<string, unknown>>();
  private readonly componentDefinitions = new Map<string, ComponentDefinition>();
  private readonly records = new Map<number, PageRecord>();
  private readonly pendingApi = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  /** The registered App; undefined while only an independent subpackage has run. */
  private app: Record<string, unknown> | undefined;
  /** `getApp({ allowDefault: true })` before App exists; merged into App when it registers. */
  private defaultApp: Record<string, unknown> | undefined;
  private launchOptions: Record<string, unknown> = {};
  private loader: PackageLoader | undefined;
  private readonly sockets = new SocketTasks((message) => this.send(message), (error, where) => this.reportError(error, where));
  private manifestPages: Record<string, unknown> | undefined;
  private appWindow: Record<string, unknown> | undefined;
  private stack: PageStack | undefined;
  private nextPageId = 0;
  /** The launch page's view, connected by the host at boot. */
  private launchView: MessagePort | undefined;
  private nextApiId = 0;
  lineMap: LineMap = [];

  constructor(
    private readonly send: (message: LogicToHost) => void,
    private readonly code: { evaluate?: CodeEvaluator; digest?: TextDigest } = {},
  ) {
    setErrorReporter((error, where) => this.reportError(error, where));
  }

  /** Handles one message from the host. */
  receive(message: HostToLogic): void {
    switch (message.type) {
      case 'boot':
        this.boot(message);
        break;
      case 'api.result': {
        const pending = this.pendingApi.get(message.id);
        this.pendingApi.delete(message.id);
        if (message.ok) pending?.resolve(message.result);
        else pending?.reject(new Error(message.errMsg ?? 'fail'));
        break;
      }
      case 'package.code':
        void this.loader?.receive(message.root, message.code, message.error);
        break;
      case 'view.attach':
        this.attachView(message.pageId, message.port);
        break;
      case 'navigate':
        this.navigate(message.openType, message.url, message.delta);
        break;
      case 'tab.tap': {
        const top = this.stack?.top;
        if (top?.path === message.pagePath) callPage(top, 'onTabItemTap', [{ index: message.index, pagePath: message.pagePath, text: message.text }]);
        this.navigate('switchTab', `/${message.pagePath}`, 1);
        break;
      }
      case 'pulldown':
        this.pullDownTop();
        break;
      case 'app.show':
        invoke(this.app?.onShow, this.app, [{}], 'App onShow');
        if (this.stack?.top) callPage(this.stack.top, 'onShow');
        break;
      case 'app.hide':
        if (this.stack?.top) callPage(this.stack.top, 'onHide');
        invoke(this.app?.onHide, this.app, [], 'App onHide');
        break;
      case 'socket.event':
        this.sockets.receive(message.id, message.event);
        break;
      case 'inspect': {
        const record = this.records.get(message.pageId);
        if (record) this.send({ type: 'page.data', pageId: message.pageId, data: JSON.stringify(record.owner.data) });
        break;
      }
    }
  }

  private boot(message: Extract<HostToLogic, { type: 'boot' }>): void {
    const manifest = message.manifest as PackageManifest;
    this.launchView = message.launchView;
    const launchOptions = { path: message.launch.path, query: message.launch.query, scene: 1001, referrerInfo: {} };
    this.launchOptions = launchOptions;
    const loader = new PackageLoader(manifest, message.packages ?? [''], (root) => this.send({ type: 'package.load', root }), this.code.evaluate, this.code.digest ?? (async (text) => sha256Hex(text)));
    this.loader = loader;
    this.registry.packages = {
      rootOf: (path) => loader.packageOfModule(path),
      isLoaded: (root) => loader.isLoaded(root),
      ensure: (roots) => loader.ensure(roots),
      compiled: (from, request) => loader.compiledTarget(from, request),
    };
    this.manifestPages = manifest.pages;
    this.appWindow = manifest.app.window as Record<string, unknown> | undefined;
    const storage = new StorageCache(message.storage, (key, json) => this.send(key === null ? { type: 'storage.clear' } : { type: 'storage.set', key, value: json }));
    const stack = new PageStack({
      openPage: (path, query) => this.openPage(path, query),
      send: (next) => {
        this.send(next);
        // app.json preloadRule: showing a page fetches the packages it names.
        if (next.type === 'stack') preloadFor(manifest, next.pages.find((page) => page.pageId === next.visible)?.path, loader, (name, args) => this.callHost(name, args));
        if (next.type === 'view.close') forgetCanvasNodes(next.pageId);
      },
      isPage: (path) => path in manifest.pages,
      tabPages: () => (manifest.app.tabBar?.list ?? []).map((item) => item.pagePath),
    });
    this.stack = stack;
    const wx = createWx({
      stack,
      storage,
      systemInfo: message.systemInfo,
      launchOptions,
      appId: manifest.appId,
      privacy: {
        requiredPrivateInfos: Array.isArray(manifest.app.requiredPrivateInfos) ? (manifest.app.requiredPrivateInfos as string[]) : [],
        permission: (manifest.app.permission ?? {}) as Record<string, { desc?: string }>,
      },
      callHost: (name, args) => this.callHost(name, args),
      report: (error, where) => this.reportError(error, where),
      topPage: () => stack.top,
      query: (requests) => this.query(stack.top, requests),
      queryThisPage: () => {
        const record = stack.top;
        return (requests) => this.query(record, requests);
      },
      connectSocket: (options) => this.sockets.connect(options),
      prepare: (url) => this.prepare(url),
    });
    this.registry.globals = {
      App: (options: Record<string, unknown>) => {
        // Fields an independent subpackage put on the default App win, as WeChat merges them.
        this.app = Object.assign(options ?? {}, this.defaultApp ?? {});
      },
      Page: (options: Record<string, unknown>) => this.pageOptions.set(this.loadingBase(), options ?? {}),
      Component: (options: Record<string, unknown>) => this.componentDefinitions.set(this.loadingBase(), defineComponent(this.loadingBase(), options ?? {})),
      Behavior: (options: Record<string, unknown>) => ({ [BEHAVIOR_MARK]: defineComponent('behavior', options ?? {}) }),
      getApp: (options?: { allowDefault?: boolean }) => this.app ?? (options?.allowDefault === true ? (this.defaultApp ??= {}) : undefined),
      getCurrentPages: () => stack.pages.map((page) => page.instance),
      wx,
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin("${name}"): plugins are not supported`);
      },
    };
    (globalThis as Record<string, unknown>).wx = wx;
    (globalThis as Record<string, unknown>).getApp = this.registry.globals.getApp;
    (globalThis as Record<string, unknown>).getCurrentPages = this.registry.globals.getCurrentPages;
    // A Worker started before the launch (a prewarmed sandbox) has no package code yet: the
    // launch page's packages arrive from the host first.
    const first = message.launch.path in manifest.pages ? message.launch.path : manifest.entryPage;
    const needed = loader.packagesFor(first);
    if (!loader.openDefined(needed)) {
      loader.ensure(needed).then(
        () => this.launch(message, manifest),
        (error: unknown) => {
          this.reportError(error, 'loading the launch page');
          this.send({ type: 'booted' });
        },
      );
      return;
    }
    this.launch(message, manifest);
  }

  /** The simulator's pull-down: the top page refreshes as a pull would have it, if its json lets it. */
  private pullDownTop(): void {
    const top = this.stack?.top;
    if (!top) return;
    const entry = this.manifestPages?.[top.path] as { config?: Record<string, unknown> } | undefined;
    if (!pullDownStyle(entry?.config, this.appWindow)) {
      console.warn(`${top.path}: pull-down refresh is off for this page; set "enablePullDownRefresh": true in its json or in app.json "window"`);
      return;
    }
    top.channel.send({ type: 'pulldown', action: 'start' });
  }

  /** Runs App (unless the main package is not here yet) and opens the launch page. */
  private launch(message: Extract<HostToLogic, { type: 'boot' }>, manifest: PackageManifest): void {
    const loader = this.loader as PackageLoader;
    const stack = this.stack as PageStack;
    // Launched from an independent subpackage, the main package (and App) waits until a page
    // that needs it opens; onLaunch and the first onShow run then.
    if (loader.isLoaded('')) this.launchApp();
    let path = message.launch.path;
    if (!(path in manifest.pages)) {
      invoke(this.app?.onPageNotFound, this.app, [{ path, query: message.launch.query, isEntryPage: true }], 'App onPageNotFound');
      path = manifest.entryPage;
    }
    const search = new URLSearchParams(message.launch.query).toString();
    stack.reLaunch(`/${path}${search ? `?${search}` : ''}`);
    this.send({ type: 'booted' });
  }

  /** Runs app.js, then App onLaunch and onShow. */
  private launchApp(): void {
    if (this.registry.has('app.js')) this.load('app.js');
    this.app ??= Object.assign({}, this.defaultApp ?? {});
    invoke(this.app.onLaunch, this.app, [this.launchOptions], 'App onLaunch');
    invoke(this.app.onShow, this.app, [this.launchOptions], 'App onShow');
  }

  /**
   * Makes sure the packages a page needs are loaded before navigating to it (and launches App
   * when the main package arrives after an independent start). Unknown paths pass through so
   * the stack reports them as WeChat does.
   */
  async prepare(url: string): Promise<void> {
    const loader = this.loader;
    const stack = this.stack;
    if (!loader || !stack) return;
    const { path } = stack.resolve(url);
    if (!(path in (this.manifestPages ?? {}))) return;
    const roots = loader.packagesFor(path);
    const launching = roots.includes('') && !this.app;
    await loader.ensure(roots);
    if (launching && !this.app) this.launchApp();
  }

  private loadingBase(): string {
    return (this.registry.loadingPath ?? '').replace(/\.js$/, '');
  }

  private load(path: string): void {
    try {
      this.registry.require(path);
    } catch (error) {
      this.reportError(error, `loading ${path}`);
    }
  }

  private openPage(path: string, query: Record<string, string>): PageRecord {
    if (!this.pageOptions.has(path) && !this.componentDefinitions.has(path)) this.load(`${path}.js`);
    const pageId = ++this.nextPageId;
    const component = this.pageOptions.has(path) ? undefined : this.componentDefinitions.get(path);
    const record = createPage(pageId, path, query, { page: this.pageOptions.get(path), component }, (page, message) => this.fromView(page, message));
    this.records.set(pageId, record);
    record.instance.selectComponent = (selector: string) => selectComponents(record, 0, selector)[0] ?? null;
    record.instance.selectAllComponents = (selector: string) => selectComponents(record, 0, selector);
    record.instance.createSelectorQuery = () => createSelectorQuery((requests) => this.query(record, requests), (error, where) => this.reportError(error, where));
    this.send({ type: 'view.open', pageId, path });
    const port = this.launchView;
    if (port) {
      this.launchView = undefined;
      // After the stack has run onLoad and onShow, so the first render has their data.
      queueMicrotask(() => this.attachView(pageId, port));
    }
    return record;
  }

  private attachView(pageId: number, port: PortLike): void {
    const record = this.records.get(pageId);
    if (!record || record.unloaded) return;
    const seq = record.channel.nextSeq();
    record.owner.initialized = true;
    record.channel.attach(port, { type: 'init', data: JSON.stringify(record.owner.data), seq });
  }

  private fromView(record: PageRecord, message: ViewToLogic): void {
    switch (message.type) {
      case 'ready':
        if (record.ready) return;
        record.ready = true;
        if (record.componentState) runLifetime(record.componentState, 'ready');
        callPage(record, 'onReady');
        break;
      case 'event': {
        const target = message.owner === 0 ? record.instance : record.components.get(message.owner)?.instance;
        const handler = target?.[message.handler];
        if (typeof handler !== 'function') {
          console.warn(`${message.owner === 0 ? record.path : 'component'} has no method "${message.handler}" to handle "${message.event.type}"`);
          return;
        }
        invoke(handler, target, [message.event], `${message.handler} (${message.event.type})`);
        break;
      }
      case 'component.create':
        this.createComponent(record, message.id, message.path, message.properties, message.ancestors);
        selectors.set(record.components.get(message.id) as ComponentState, { owner: message.owner, id: typeof message.properties.id === 'string' ? message.properties.id : '', classes: message.classes.split(/\s+/) });
        break;
      case 'share':
        void shareFromButton(record, message.target, (name, args) => this.callHost(name, args));
        break;
      case 'open-type':
        void openTypeFromButton(record, message, (name, args) => this.callHost(name, args));
        break;
      case 'nickname':
        this.nickname(record, message.focused);
        break;
      case 'component.properties': {
        const state = record.components.get(message.id);
        if (state) updateProperties(state, message.properties);
        break;
      }
      case 'component.detach': {
        const state = record.components.get(message.id);
        record.components.delete(message.id);
        if (state) {
          runLifetime(state, 'detached');
          record.relations.detach(state);
        }
        break;
      }
      case 'component.move': {
        const order = new Map(message.order.map((id, index) => [id, index]));
        for (const id of message.ids) {
          const state = record.components.get(id);
          if (!state) continue;
          runLifetime(state, 'moved');
          record.relations.moved(state, order);
        }
        break;
      }
      case 'navigate':
        this.navigate(message.openType, message.url, message.delta);
        break;
      case 'scroll':
        callPage(record, 'onPageScroll', [{ scrollTop: message.scrollTop }]);
        if (message.reachBottom) callPage(record, 'onReachBottom');
        break;
      case 'pulldown':
        callPage(record, 'onPullDownRefresh');
        break;
      case 'error':
        console.error(`view: ${message.message}`);
        break;
      case 'query.result':
        record.queries.get(message.id)?.(message.results.map((result) => resolveCanvasNodes(result, record.pageId, this.canvasServices(record))));
        record.queries.delete(message.id);
        break;
      default:
        break;
    }
  }

  /**
   * A nickname input gained or lost focus: the host shows its suggestion while it has focus, and
   * the nickname the user takes goes to the view. A host without the hooks simply offers nothing.
   */
  private nickname(record: PageRecord, focused: boolean): void {
    if (!focused) {
      this.callHost('hideNicknameSuggestion', {}).catch(() => undefined);
      return;
    }
    this.callHost('showNicknameSuggestion', {}).then(
      (result) => {
        const value = (result as { nickName?: unknown }).nickName;
        if (typeof value === 'string' && !record.unloaded) record.channel.send({ type: 'nickname', value });
      },
      () => undefined,
    );
  }

  private createComponent(record: PageRecord, id: number, path: string, properties: Record<string, unknown>, ancestors: number[]): void {
    if (!this.componentDefinitions.has(path)) this.load(`${path}.js`);
    const definition = this.componentDefinitions.get(path) ?? defineComponent(path, {});
    const extras = {
      id: typeof properties.id === 'string' ? properties.id : '',
      selectOwnerComponent: () => null,
      createSelectorQuery: () => createSelectorQuery((requests) => this.query(record, requests), (error, where) => this.reportError(error, where), id),
      getRelationNodes: (key: string) => record.relations.nodes(state, key),
      selectComponent: (selector: string) => selectComponents(record, id, selector)[0] ?? null,
      selectAllComponents: (selector: string) => selectComponents(record, id, selector),
    };
    const state = createComponentInstance(definition, id, record.channel, properties, extras);
    // Lets query.in(component) find the component's nodes in the view, and a canvas context made
    // for the component reach its page's view.
    Object.defineProperty(state.instance, '__scope', { value: id, enumerable: false });
    Object.defineProperty(state.instance, '__query', { value: (requests: SelectorRequest[]) => this.query(record, requests), enumerable: false });
    record.components.set(id, state);
    runLifetime(state, 'created');
    observeInitialProperties(state, Object.keys(properties));
    runLifetime(state, 'attached');
    const linked = ancestors.map((ancestor) => record.components.get(ancestor)).filter((ancestor): ancestor is ComponentState => ancestor !== undefined);
    record.relations.attach(state, linked);
    const seq = record.channel.nextSeq();
    state.initialized = true;
    const isolation = definition.options.styleIsolation;
    // addGlobalClass and the shared isolations let app and page styles reach inside the component.
    const sharedStyles = definition.options.addGlobalClass === true || isolation === 'apply-shared' || isolation === 'shared';
    record.channel.send({ type: 'component.init', id, data: JSON.stringify(state.data), seq, externalClasses: definition.externalClasses, sharedStyles, leakStyles: isolation === 'shared', virtualHost: definition.options.virtualHost === true });
    record.channel.afterRender(seq, () => runLifetime(state, 'ready'));
  }

  private navigate(openType: string, url: string, delta: number): void {
    const stack = this.stack;
    if (!stack) return;
    if (openType !== 'navigateBack') {
      this.prepare(url).then(
        () => this.navigateNow(stack, openType, url, delta),
        (error: unknown) => console.error(`${openType}:fail ${(error as Error).message}`),
      );
      return;
    }
    this.navigateNow(stack, openType, url, delta);
  }

  private navigateNow(stack: PageStack, openType: string, url: string, delta: number): void {
    try {
      if (openType === 'navigateBack') stack.navigateBack(delta);
      else if (openType === 'redirect' || openType === 'redirectTo') stack.redirectTo(url);
      else if (openType === 'switchTab') stack.switchTab(url);
      else if (openType === 'reLaunch') stack.reLaunch(url);
      else stack.navigateTo(url);
    } catch (error) {
      if (error instanceof NavigationError) console.error(error.message);
      else this.reportError(error, openType);
    }
  }

  private nextQueryId = 0;

  /**
   * What a page's canvas nodes need: images for canvas.createImage() are loaded by that page's
   * view, as a legacy canvas's are (a request for the viewport that carries only images).
   */
  private canvasServices(record: PageRecord): CanvasNodeServices {
    return {
      loadImages: async (urls) => {
        const [result] = await this.query(record, [{ selector: 'viewport', all: false, fields: {}, images: urls }]);
        const images = (result as { images?: Array<ImageBitmap | string> } | null)?.images;
        return images ?? urls.map((url) => `image ${url} could not be loaded: its page has closed`);
      },
      report: (error, where) => this.reportError(error, where),
    };
  }

  private query(record: PageRecord | undefined, requests: SelectorRequest[]): Promise<unknown[]> {
    // A page that has closed has no view left to answer: nothing is found there.
    if (!record || record.unloaded) return Promise.resolve(requests.map(() => null));
    const id = ++this.nextQueryId;
    return new Promise((resolve) => {
      record.queries.set(id, resolve);
      record.channel.send({ type: 'query', id, requests });
    });
  }

  private callHost(name: string, args: unknown): Promise<unknown> {
    const id = ++this.nextApiId;
    return new Promise((resolve, reject) => {
      this.pendingApi.set(id, {
        resolve,
        reject: (error: unknown) => reject(new ApiFailure((error as Error).message)),
      });
      this.send({ type: 'api', id, name, args });
    });
  }

  private reportError(error: unknown, where: string): void {
    const text = formatArguments([error], this.lineMap);
    console.error(`${where}: ${text}`);
    if (typeof this.app?.onError === 'function' && where !== 'App onError') {
      invoke(this.app.onError, this.app, [text], 'App onError');
    }
  }

  /** Page record by id, for the page-data inspector and tests. */
  page(pageId: number): PageRecord | undefined {
    return this.records.get(pageId);
  }
}
