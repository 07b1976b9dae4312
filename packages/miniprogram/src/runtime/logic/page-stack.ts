import type { LogicToHost } from '../shared/runtime-messages';
import { EventChannel } from './event-channel';
import { joinPath } from './module-registry';
import { callPage, type PageRecord } from './page-instance';
import { runLifetime, runPageLifetime } from './component-instance';

/** WeChat keeps at most ten pages on the stack. */
export const MAX_PAGES = 10;

/** A navigation failure with WeChat's errMsg wording. */
export class NavigationError extends Error {}

/** What the stack needs from the runtime around it. */
export interface PageStackHost {
  openPage(path: string, query: Record<string, string>): PageRecord;
  send(message: LogicToHost): void;
  isPage(path: string): boolean;
  tabPages(): string[];
}

/**
 * The page stack and the five navigation calls, firing lifecycles in WeChat's order:
 * the page being left hides (or unloads), then the new page loads and shows; onReady
 * follows when its view has rendered.
 */
export class PageStack {
  readonly pages: PageRecord[] = [];
  private readonly tabs = new Map<string, PageRecord>();

  constructor(private readonly host: PageStackHost) {}

  get top(): PageRecord | undefined {
    return this.pages[this.pages.length - 1];
  }

  /** Resolves a URL against the current page: `/a/b?x=1`, `../b/b`, `b`. */
  resolve(url: string): { path: string; query: Record<string, string> } {
    const [rawPath = '', search = ''] = url.split('?');
    const base = this.top ? this.top.path.slice(0, this.top.path.lastIndexOf('/')) : '';
    const path = rawPath.startsWith('/') ? joinPath('', rawPath.slice(1)) : joinPath(base, rawPath);
    const query: Record<string, string> = {};
    for (const pair of search.split('&')) {
      if (!pair) continue;
      const [key = '', value = ''] = pair.split('=');
      query[safeDecode(key)] = safeDecode(value);
    }
    return { path, query };
  }

  navigateTo(url: string, channel?: EventChannel): void {
    const { path, query } = this.checked(url, 'navigateTo');
    if (this.host.tabPages().includes(path)) throw new NavigationError('navigateTo:fail can not navigateTo a tabbar page');
    if (this.pages.length >= MAX_PAGES) throw new NavigationError('navigateTo:fail webview count limit exceed');
    this.hide(this.top);
    this.push(path, query, channel);
  }

  redirectTo(url: string): void {
    const { path, query } = this.checked(url, 'redirectTo');
    if (this.host.tabPages().includes(path)) throw new NavigationError('redirectTo:fail can not redirectTo a tabbar page');
    const leaving = this.pages.pop();
    if (leaving) this.unload(leaving);
    this.push(path, query);
  }

  navigateBack(delta = 1): void {
    if (this.pages.length <= 1) throw new NavigationError('navigateBack:fail cannot navigate back at first page.');
    const count = Math.min(Math.max(1, Math.floor(delta)), this.pages.length - 1);
    for (let index = 0; index < count; index++) this.unload(this.pages.pop() as PageRecord);
    this.show(this.top as PageRecord);
  }

  switchTab(url: string): void {
    const { path } = this.checked(url.split('?')[0] as string, 'switchTab');
    if (!this.host.tabPages().includes(path)) throw new NavigationError('switchTab:fail can not switch to no-tabBar page');
    if (this.top?.path === path) return;
    while (this.pages.length) {
      const page = this.pages.pop() as PageRecord;
      if (this.tabs.get(page.path) === page) this.hide(page);
      else this.unload(page);
    }
    const cached = this.tabs.get(path);
    if (cached) {
      this.pages.push(cached);
      this.show(cached);
    } else {
      this.push(path, {});
    }
  }

  reLaunch(url: string): void {
    const { path, query } = this.checked(url, 'reLaunch');
    while (this.pages.length) this.unload(this.pages.pop() as PageRecord);
    for (const page of this.tabs.values()) if (!page.unloaded) this.unload(page);
    this.tabs.clear();
    this.push(path, query);
  }

  private checked(url: string, api: string): { path: string; query: Record<string, string> } {
    const target = this.resolve(url);
    if (!this.host.isPage(target.path)) throw new NavigationError(`${api}:fail page "${target.path}" is not found`);
    return target;
  }

  private push(path: string, query: Record<string, string>, channel = new EventChannel()): void {
    const record = this.host.openPage(path, query);
    record.instance.getOpenerEventChannel = () => channel;
    this.pages.push(record);
    if (this.host.tabPages().includes(path)) this.tabs.set(path, record);
    this.announce();
    callPage(record, 'onLoad', [query]);
    this.show(record, false);
  }

  private show(record: PageRecord, announce = true): void {
    if (announce) this.announce();
    callPage(record, 'onShow');
    for (const component of record.components.values()) runPageLifetime(component, 'show');
  }

  private hide(record: PageRecord | undefined): void {
    if (!record) return;
    callPage(record, 'onHide');
    for (const component of record.components.values()) runPageLifetime(component, 'hide');
  }

  private unload(record: PageRecord): void {
    record.unloaded = true;
    callPage(record, 'onUnload');
    for (const component of record.components.values()) runLifetime(component, 'detached');
    record.components.clear();
    this.host.send({ type: 'view.close', pageId: record.pageId });
    // Its view closes with it, so queries still waiting for an answer find nothing.
    for (const answer of record.queries.values()) answer([]);
    record.queries.clear();
  }

  private announce(): void {
    const top = this.top;
    this.host.send({ type: 'stack', pages: this.pages.map((page) => ({ pageId: page.pageId, path: page.path, query: page.query })), visible: top?.pageId ?? 0 });
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
