import { parseDataPath, type PathSegment } from '../shared/data-path';
import { setAtPathCopying } from './copying-path';
import type { LogicToView, OwnerChanges, SelectorRequest, ViewToLogic, WxmlEvent } from '../shared/runtime-messages';
import { createBuiltIn, updateBuiltIn, type BuiltInContext } from './builtin-components';
import { patchChildren, patchNode, releaseNode, type MountedElement, type PatchHooks } from './dom-patch';
import { dispatchEvent } from './event-dispatch';
import { measure } from './selector-measure';
import { loadBitmaps } from './canvas-images';
import { componentOrder } from './component-order';
import { shareComponentStyles } from './shared-styles';
import { fillNickname } from './nickname-input';
import { runVideoCommand } from './video-commands';
import { createHelpers, rootScope, type OwnerHelpers, type RenderOwner } from './render-helpers';
import { rowPatches, rowTargets, trackedLoops, type RowPatch } from './row-update';
import type { VElement, VNode, WxmlModule } from './vnode';
import { PullDown } from './pull-down';
import type { PullDownStyle } from '../shared/page-window';

/** What the view knows about its page from the host. */
export interface PageConfig {
  path: string;
  /** Component path -> class prefix of its isolated styles. */
  prefixes: Record<string, string>;
  assetBase: string;
  /** Origins a `<web-view>` may show. */
  webViewOrigins: string[];
  /** The page's onReachBottomDistance in px, when its json or app.json sets one. */
  reachBottomDistance?: number;
  /** Set when the page can be pulled down to refresh. */
  pullDown?: PullDownStyle;
}

interface Owner {
  owner: RenderOwner;
  helpers: OwnerHelpers;
  file: string;
  data: Record<string, unknown>;
  vnodes: VNode[];
  container: HTMLElement;
  initialized: boolean;
  path: string;
  properties: string;
}

const NOT_PROPERTIES = new Set(['class', 'style', 'hidden', 'slot']);

/** Resolves `src` the way WeChat does: `/x` from the package root, anything else from the owner's folder. */
/** Button attributes the host reads for an open-type (the customer service chat's settings). */
const OPEN_TYPE_ATTRIBUTES = new Set(['session-from', 'send-message-title', 'send-message-path', 'send-message-img', 'show-message-card', 'lang']);

function resolveAsset(path: string, ownerPath: string, base: string): string {
  if (/^(https?:|data:|blob:)/.test(path)) return path;
  const relative = path.startsWith('/') ? path.slice(1) : `${ownerPath.slice(0, ownerPath.lastIndexOf('/') + 1)}${path}`;
  return new URL(relative, base).href;
}

/**
 * One page's view: renders the page and its components from their data, applies updates
 * from the logic layer and sends events back.
 */
export class ViewPage {
  private readonly owners = new Map<number, Owner>();
  private nextComponentId = 1;
  private readonly pendingCreates: Array<() => void> = [];
  private depth = 0;
  private readonly hooks: PatchHooks;
  /** Component hosts a keyed reorder moved during the current render. */
  private readonly moved: number[] = [];
  readonly context: BuiltInContext;
  /**
   * The latest render: its seq, and when it was patched and painted, as absolute times
   * (timeOrigin + now) so they compare with times taken in the Worker or the host.
   */
  lastRender = { seq: 0, receivedAt: 0, patchedAt: 0, paintedAt: 0 };
  /** When the page's first render was painted (absolute time), for cold-start measurements. */
  firstPaintAt = 0;
  private paintQueued = false;
  private readonly pullDown: PullDown;

  constructor(private readonly config: PageConfig, private readonly files: Map<string, WxmlModule>, private readonly post: (message: ViewToLogic, transfer?: Transferable[]) => void, root: HTMLElement) {
    this.context = {
      emit: (el, type, detail) => dispatchEvent(el, type, detail, { bubbles: false }, this.sink),
      navigate: (openType, url, delta) => post({ type: 'navigate', openType, url, delta }),
      openType: (button, openType) => {
        const node = button.__v as VElement;
        const handlers: Record<string, string> = {};
        for (const [, type, handler] of node.v ?? []) if (typeof handler === 'string' && handler) handlers[type] = handler;
        const attributes: Record<string, string> = {};
        for (const [name, value] of Object.entries(node.a)) if (OPEN_TYPE_ATTRIBUTES.has(name) && value !== undefined && value !== null) attributes[name] = String(value);
        post({ type: 'open-type', openType, owner: node.o, handlers, attributes, target: { id: typeof node.a.id === 'string' ? node.a.id : '', dataset: { ...(node.d ?? {}) } } });
      },
      nickname: (focused) => post({ type: 'nickname', focused }),
      share: (button) => {
        const node = button.__v as VElement;
        post({ type: 'share', owner: node.o, target: { id: typeof node.a.id === 'string' ? node.a.id : '', dataset: { ...(node.d ?? {}) } } });
      },
      webViewAllowed: (url) => {
        try {
          return config.webViewOrigins.includes(new URL(url).origin);
        } catch {
          return false;
        }
      },
      asset: (path, owner) => resolveAsset(path, this.owners.get(owner)?.path ?? config.path, config.assetBase),
      report: (message) => post({ type: 'error', message }),
    };
    this.pullDown = new PullDown(config.pullDown, () => post({ type: 'pulldown' }));
    this.hooks = {
      createComponent: (node) => this.createComponent(node),
      updateComponent: (previous, next) => this.updateComponent(previous, next),
      removeComponent: (node) => this.removeComponent(node),
      moveComponent: (node) => this.moved.push(node.ci as number),
      createBuiltIn: (node) => createBuiltIn(node, this.context),
      updateBuiltIn: (node, previous) => updateBuiltIn(node, previous, this.context),
    };
    this.owners.set(0, this.makeOwner(0, '', [], `${config.path}.wxml`, root, config.path));
  }

  readonly sink = (owner: number, handler: string, event: WxmlEvent): void => this.post({ type: 'event', owner, handler, event });

  /** Handles a message from the logic layer. */
  receive(message: LogicToView): void {
    switch (message.type) {
      case 'init': {
        const page = this.owners.get(0) as Owner;
        page.data = JSON.parse(message.data) as Record<string, unknown>;
        page.initialized = true;
        this.render(page);
        this.rendered(message.seq);
        this.post({ type: 'ready' });
        break;
      }
      case 'update': {
        const receivedAt = performance.timeOrigin + performance.now();
        this.applyUpdate(message.batches);
        this.rendered(message.seq, receivedAt);
        break;
      }
      case 'component.init': {
        const owner = this.owners.get(message.id);
        if (owner) {
          owner.data = JSON.parse(message.data) as Record<string, unknown>;
          owner.initialized = true;
          owner.owner.external = new Set(message.externalClasses);
          owner.owner.shared = message.sharedStyles;
          if (message.leakStyles) shareComponentStyles(document, owner.owner.prefix);
          // A virtual host draws no box of its own, so its children lay out in the host's parent.
          if (message.virtualHost) owner.container.setAttribute('wx-virtual-host', '');
          this.render(owner);
        }
        this.rendered(message.seq);
        break;
      }
      case 'component.trigger': {
        const owner = this.owners.get(message.id);
        if (owner) dispatchEvent(owner.container as MountedElement, message.name, message.detail, { bubbles: message.bubbles, composed: message.composed, capturePhase: message.capturePhase }, this.sink);
        break;
      }
      case 'scroll.to':
        window.scrollTo(0, message.scrollTop);
        break;
      case 'pulldown':
        if (message.action === 'start') this.pullDown.start();
        else this.pullDown.stop();
        break;
      case 'video':
        runVideoCommand(this.owners.get(message.scope)?.container ?? document, message, (text) => this.post({ type: 'error', message: text }));
        break;
      case 'nickname':
        fillNickname(message.value);
        break;
      case 'query':
        this.answerQuery(message.id, message.requests);
        break;
      default:
        break;
    }
  }

  private answerQuery(id: number, requests: SelectorRequest[]): void {
    // Canvas nodes travel to the Worker as OffscreenCanvases, and images as ImageBitmaps: both are transferred.
    const transfer: Transferable[] = [];
    const results = requests.map((request) => {
      const scope = this.owners.get(request.scope ?? 0) ?? (this.owners.get(0) as Owner);
      return measure(request, transfer, { root: scope.container, prefix: scope.owner.prefix });
    });
    const loads = requests.map((request) => (request.images?.length ? loadBitmaps(request.images.map((path) => this.context.asset(path, 0))) : undefined));
    if (loads.every((load) => load === undefined)) return this.post({ type: 'query.result', id, results }, transfer);
    void Promise.all(loads).then((loaded) => {
      loaded.forEach((images, index) => {
        const result = results[index];
        if (!images) return;
        if (!result || typeof result !== 'object') {
          // No canvas to draw on: the bitmaps are not sent, so free them here.
          for (const image of images) if (typeof image !== 'string') image.close();
          return;
        }
        (result as Record<string, unknown>).images = images;
        for (const image of images) if (typeof image !== 'string') transfer.push(image);
      });
      this.post({ type: 'query.result', id, results }, transfer);
    });
  }

  /** The data the view holds for the page, for the data inspector. */
  pageData(): Record<string, unknown> {
    return (this.owners.get(0) as Owner).data;
  }

  private applyUpdate(batches: OwnerChanges[]): void {
    const dirty: Owner[] = [];
    for (const batch of batches) {
      const owner = this.owners.get(batch.owner);
      if (!owner || !owner.initialized) continue;
      const copied = new Set<object>();
      const paths = batch.changes.map(([path]) => parseDataPath(path));
      const module = this.files.get(owner.file);
      // Changes inside single rows of a list patch those rows alone; anything else renders the file.
      const targets = module && rowTargets(module, owner.helpers, owner.data, paths);
      batch.changes.forEach(([, json], index) => {
        owner.data = setAtPathCopying(owner.data, paths[index] as PathSegment[], JSON.parse(json) as unknown, copied);
      });
      const patches = targets && this.tryRows(() => rowPatches(targets, owner.helpers, owner.data));
      if (patches) this.patchRows(patches);
      else if (batch.changes.length) dirty.push(owner);
    }
    // Owners render in creation order, so a page re-render that changes a child's slots comes first.
    dirty.sort((a, b) => a.owner.id - b.owner.id);
    for (const owner of dirty) this.render(owner);
  }

  /** Runs row rendering; an error there leaves the whole render to report it. */
  private tryRows(attempt: () => RowPatch[] | undefined): RowPatch[] | undefined {
    try {
      return attempt();
    } catch {
      return undefined;
    }
  }

  private patchRows(patches: RowPatch[]): void {
    this.depth++;
    try {
      for (const { loop, start, previous, next } of patches) {
        next.forEach((node, position) => {
          patchNode(previous[position] as VNode, node, this.hooks);
          loop.out[start + position] = node;
        });
      }
    } finally {
      this.depth--;
    }
    if (this.depth === 0) for (const create of this.pendingCreates.splice(0)) create();
  }

  private render(owner: Owner): void {
    if (!owner.initialized) return;
    const module = this.files.get(owner.file);
    if (!module) {
      this.post({ type: 'error', message: `${owner.file} is not in the package` });
      return;
    }
    let next: VNode[];
    try {
      owner.helpers.begin(trackedLoops(module));
      next = module.r(rootScope(module, owner.data), owner.helpers);
    } catch (error) {
      // Rows of a render that never reached the DOM cannot be patched later.
      owner.helpers.loops.clear();
      this.post({ type: 'error', message: `rendering ${owner.file}: ${(error as Error).message}` });
      return;
    }
    this.depth++;
    try {
      patchChildren(owner.container, owner.vnodes, next, this.hooks);
    } finally {
      this.depth--;
    }
    owner.vnodes = next;
    // Only the outermost render has every new host in the document.
    if (this.depth === 0) for (const create of this.pendingCreates.splice(0)) create();
    if (this.depth === 0 && this.moved.length) this.post({ type: 'component.move', ids: this.moved.splice(0), order: componentOrder(owner.container.ownerDocument.body) });
  }

  private rendered(seq: number, receivedAt = 0): void {
    this.lastRender = { seq, receivedAt, patchedAt: performance.timeOrigin + performance.now(), paintedAt: 0 };
    this.post({ type: 'rendered', seq });
    if (this.paintQueued) return;
    this.paintQueued = true;
    // A message posted from an animation frame callback runs after that frame is painted.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        this.paintQueued = false;
        this.lastRender.paintedAt = performance.timeOrigin + performance.now();
        this.firstPaintAt ||= this.lastRender.paintedAt;
      };
      channel.port2.postMessage(null);
    });
  }

  private makeOwner(id: number, prefix: string, slots: VNode[], file: string, container: HTMLElement, path: string): Owner {
    const owner: RenderOwner = { id, prefix, slots };
    return { owner, helpers: createHelpers(owner, (name) => this.files.get(name)), file, data: {}, vnodes: [], container, initialized: false, path, properties: '' };
  }

  private createComponent(node: VElement): void {
    const id = this.nextComponentId++;
    node.ci = id;
    const path = node.p as string;
    const owner = this.makeOwner(id, this.config.prefixes[path] ?? '', node.c, `${path}.wxml`, node.el as HTMLElement, path);
    owner.owner.host = node;
    owner.owner.parentPrefix = this.owners.get(node.o)?.owner.prefix ?? '';
    const properties = propertiesOf(node);
    owner.properties = JSON.stringify(properties);
    this.owners.set(id, owner);
    // Sent once the patch has put the host in the document, so its ancestors are known.
    const classes = typeof node.a.class === 'string' ? node.a.class : '';
    this.pendingCreates.push(() => this.post({ type: 'component.create', id, owner: node.o, path, properties, ancestors: componentAncestors(node.el as HTMLElement), classes }));
  }

  private updateComponent(previous: VElement, next: VElement): void {
    const owner = this.owners.get(next.ci ?? -1);
    if (!owner) return;
    owner.owner.slots = next.c;
    owner.owner.host = next;
    const properties = propertiesOf(next);
    const serialised = JSON.stringify(properties);
    if (serialised !== owner.properties) {
      owner.properties = serialised;
      this.post({ type: 'component.properties', id: owner.owner.id, properties });
    }
    if (previous.c.length || next.c.length) this.render(owner);
  }

  private removeComponent(node: VElement): void {
    const owner = this.owners.get(node.ci ?? -1);
    if (!owner) return;
    for (const child of owner.vnodes) releaseNode(child, this.hooks);
    this.owners.delete(owner.owner.id);
    this.post({ type: 'component.detach', id: owner.owner.id });
  }
}

/** Component instances around an element, nearest first: the candidates for relations. */
function componentAncestors(el: HTMLElement): number[] {
  const ids: number[] = [];
  for (let current = el.parentElement as MountedElement | null; current; current = current.parentElement as MountedElement | null) {
    const id = current.__v?.ci;
    if (current.__v?.p && id !== undefined) ids.push(id);
  }
  return ids;
}

function propertiesOf(node: VElement): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node.a)) {
    if (NOT_PROPERTIES.has(name) || name.startsWith('data-')) continue;
    properties[name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return properties;
}
