import { describe, expect, it } from 'vitest';
import { createPage } from './page-instance';
import { MAX_PAGES, PageStack } from './page-stack';

/** Pages whose lifecycles append to a shared log, so the test sees their order. */
function makeStack(tabPages: string[] = []): { stack: PageStack; log: string[]; closed: number[] } {
  const log: string[] = [];
  const closed: number[] = [];
  let nextId = 0;
  const lifecycle = (path: string) => Object.fromEntries(['onLoad', 'onShow', 'onHide', 'onUnload'].map((name) => [name, () => log.push(`${path}.${name}`)]));
  const stack = new PageStack({
    openPage: (path, query) => createPage(++nextId, path, query, { page: lifecycle(path) }, () => {}),
    send: (message) => {
      if (message.type === 'view.close') closed.push(message.pageId);
    },
    isPage: (path) => ['a', 'b', 'c', 'tab1', 'tab2'].includes(path),
    tabPages: () => tabPages,
  });
  return { stack, log, closed };
}

describe('PageStack', () => {
  it('navigateTo hides the current page, then loads and shows the new one', () => {
    const { stack, log } = makeStack();
    stack.reLaunch('/a');
    log.length = 0;
    stack.navigateTo('/b?id=7&name=%E4%BD%A0');
    expect(log).toEqual(['a.onHide', 'b.onLoad', 'b.onShow']);
    expect(stack.top?.query).toEqual({ id: '7', name: '你' });
  });

  it('navigateBack unloads the top pages and shows the one revealed', () => {
    const { stack, log, closed } = makeStack();
    stack.reLaunch('/a');
    stack.navigateTo('b');
    stack.navigateTo('c');
    log.length = 0;
    stack.navigateBack(2);
    expect(log).toEqual(['c.onUnload', 'b.onUnload', 'a.onShow']);
    expect(closed).toEqual([3, 2]);
    expect(() => stack.navigateBack()).toThrow('navigateBack:fail cannot navigate back at first page.');
  });

  it('redirectTo unloads the current page; reLaunch unloads all', () => {
    const { stack, log } = makeStack();
    stack.reLaunch('/a');
    stack.navigateTo('/b');
    log.length = 0;
    stack.redirectTo('/c');
    expect(log).toEqual(['b.onUnload', 'c.onLoad', 'c.onShow']);
    log.length = 0;
    stack.reLaunch('/b');
    expect(log).toEqual(['c.onUnload', 'a.onUnload', 'b.onLoad', 'b.onShow']);
    expect(stack.pages.map((page) => page.path)).toEqual(['b']);
  });

  it('switchTab keeps tab pages alive and unloads other pages', () => {
    const { stack, log } = makeStack(['tab1', 'tab2']);
    stack.reLaunch('/tab1');
    stack.navigateTo('/a');
    log.length = 0;
    stack.switchTab('/tab2');
    expect(log).toEqual(['a.onUnload', 'tab1.onHide', 'tab2.onLoad', 'tab2.onShow']);
    log.length = 0;
    stack.switchTab('/tab1');
    expect(log).toEqual(['tab2.onHide', 'tab1.onShow']);
    expect(() => stack.navigateTo('/tab2')).toThrow('navigateTo:fail can not navigateTo a tabbar page');
    expect(() => stack.switchTab('/a')).toThrow('switchTab:fail can not switch to no-tabBar page');
  });

  it('refuses unknown pages and more than ten pages', () => {
    const { stack } = makeStack();
    stack.reLaunch('/a');
    expect(() => stack.navigateTo('/nope')).toThrow('navigateTo:fail page "nope" is not found');
    for (let count = 1; count < MAX_PAGES; count++) stack.navigateTo('/b');
    expect(() => stack.navigateTo('/c')).toThrow('navigateTo:fail webview count limit exceed');
  });
});
