import type { AppConfig } from '../../compiler/package-manifest';

const STYLE_ID = 'tessera-host-chrome';
const CSS = `
.tsr-screen{position:relative;display:flex;flex-direction:column;width:100%;height:100%;overflow:hidden;background:#fff;font-family:-apple-system,BlinkMacSystemFont,"Helvetica Neue",sans-serif}
.tsr-navbar{flex:none;display:flex;align-items:center;justify-content:center;position:relative;height:44px;background:#f7f7f7;color:#000;font-size:17px;font-weight:600}
.tsr-navbar[data-style=custom]{display:none}
.tsr-back{position:absolute;left:0;top:0;bottom:0;width:44px;border:0;background:transparent;color:inherit;font-size:22px;cursor:pointer}
.tsr-pages{flex:1;position:relative}
.tsr-pages>iframe{position:absolute;inset:0;width:100%;height:100%;border:0;background:#fff}
.tsr-pages>iframe[data-hidden]{visibility:hidden}
.tsr-tabbar{flex:none;display:flex;min-height:50px;border-top:1px solid rgba(0,0,0,.1);background:#fff}
.tsr-tabbar[hidden]{display:none}
.tsr-tab{flex:1;border:0;background:transparent;font-size:12px;color:#7a7e83;cursor:pointer}
.tsr-tab[aria-selected=true]{color:#07c160}
.tsr-tab{position:relative}
.tsr-badge{position:absolute;top:2px;left:calc(50% + 6px);min-width:16px;height:16px;padding:0 4px;box-sizing:border-box;border-radius:8px;background:#fa5151;color:#fff;font-size:11px;line-height:16px}
.tsr-badge:empty{min-width:8px;width:8px;height:8px;padding:0;top:4px}
.tsr-tab-icon{display:block;width:24px;height:24px;margin:0 auto 2px}
.tsr-overlay{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;z-index:10;pointer-events:none}
.tsr-toast{min-width:120px;max-width:70%;padding:14px 16px;border-radius:12px;background:rgba(17,17,17,.75);color:#fff;text-align:center;font-size:15px}
.tsr-modal{pointer-events:auto;width:80%;border-radius:12px;background:#fff;box-shadow:0 0 0 100vmax rgba(0,0,0,.5);overflow:hidden;text-align:center}
.tsr-modal h3{margin:24px 24px 8px;font-size:17px}
.tsr-modal p{margin:0 24px 24px;color:rgba(0,0,0,.55);font-size:15px;white-space:pre-wrap}
.tsr-modal-actions{display:flex;border-top:1px solid rgba(0,0,0,.1)}
.tsr-modal-actions button{flex:1;padding:16px 0;border:0;background:transparent;font-size:17px;font-weight:600;cursor:pointer}
.tsr-sheet{pointer-events:auto;position:absolute;left:0;right:0;bottom:0;background:#f7f7f7;box-shadow:0 0 0 100vmax rgba(0,0,0,.5)}
.tsr-file{display:block;width:100%;padding:16px;box-sizing:border-box;background:#fff}
.tsr-preview{pointer-events:auto;max-width:100%;max-height:100%;box-shadow:0 0 0 100vmax #000;background:#000}
.tsr-sheet button{display:block;width:100%;padding:16px 0;border:0;border-bottom:1px solid rgba(0,0,0,.06);background:#fff;font-size:17px;cursor:pointer}
.tsr-sheet-title{margin:0;padding:16px 16px 4px;background:#fff;font-size:17px;text-align:center}
.tsr-sheet-text{margin:0;padding:4px 16px 16px;background:#fff;color:rgba(0,0,0,.55);font-size:14px;text-align:center;white-space:pre-wrap}
.tsr-sheet textarea{display:block;width:100%;min-height:96px;padding:12px 16px;box-sizing:border-box;border:0;border-bottom:1px solid rgba(0,0,0,.06);font:inherit;font-size:15px;resize:none}
.tsr-nickname{pointer-events:auto;position:absolute;left:0;right:0;bottom:0;display:flex;align-items:center;gap:8px;padding:8px 12px;background:#f7f7f7;border-top:1px solid rgba(0,0,0,.1);font-size:13px;color:rgba(0,0,0,.55)}
.tsr-nickname button{padding:6px 14px;border:0;border-radius:16px;background:#fff;font-size:15px;color:#000;cursor:pointer}
`;

/** The navigation bar, page area and tab bar the host draws around the page views. */
export interface HostChrome {
  screen: HTMLElement;
  pages: HTMLElement;
  overlay: HTMLElement;
  setTitle(text: string): void;
  setColors(front: string, background: string): void;
  setBack(visible: boolean): void;
  setNavigationStyle(style: string): void;
  selectTab(path: string | undefined): void;
  /** A badge text, a red dot (''), or nothing (undefined) on a tab. */
  setBadge(index: number, badge: string | undefined): boolean;
}

/** Builds the chrome inside `container`; `onBack` and `onTab` report the user's taps. */
export function createChrome(container: HTMLElement, app: AppConfig, onBack: () => void, onTab: (index: number) => void, assetBase: string): HostChrome {
  const doc = container.ownerDocument;
  if (!doc.getElementById(STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = CSS;
    doc.head.appendChild(style);
  }
  const screen = doc.createElement('div');
  screen.className = 'tsr-screen';
  const navbar = doc.createElement('div');
  navbar.className = 'tsr-navbar';
  const back = doc.createElement('button');
  back.className = 'tsr-back';
  back.textContent = '\u2039';
  back.setAttribute('aria-label', 'Back');
  back.hidden = true;
  back.addEventListener('click', onBack);
  const title = doc.createElement('span');
  title.className = 'tsr-title';
  navbar.append(back, title);
  const pages = doc.createElement('div');
  pages.className = 'tsr-pages';
  const overlay = doc.createElement('div');
  overlay.className = 'tsr-overlay';
  screen.append(navbar, pages);
  const tabs: HTMLButtonElement[] = [];
  if (app.tabBar?.list.length) {
    const bar = doc.createElement('div');
    bar.className = 'tsr-tabbar';
    if (app.tabBar.backgroundColor) bar.style.background = app.tabBar.backgroundColor;
    app.tabBar.list.forEach((item, index) => {
      const tab = doc.createElement('button');
      tab.className = 'tsr-tab';
      if (item.iconPath) {
        const icon = doc.createElement('img');
        icon.className = 'tsr-tab-icon';
        icon.alt = '';
        icon.dataset.icon = new URL(item.iconPath.replace(/^\//, ''), assetBase).href;
        if (item.selectedIconPath) icon.dataset.selected = new URL(item.selectedIconPath.replace(/^\//, ''), assetBase).href;
        icon.src = icon.dataset.icon;
        tab.appendChild(icon);
      }
      tab.appendChild(doc.createTextNode(item.text));
      tab.dataset.path = item.pagePath;
      tab.addEventListener('click', () => onTab(index));
      tabs.push(tab);
      bar.appendChild(tab);
    });
    screen.appendChild(bar);
  }
  screen.appendChild(overlay);
  container.replaceChildren(screen);
  const windowConfig = app.window ?? {};
  if (typeof windowConfig.navigationBarBackgroundColor === 'string') navbar.style.background = windowConfig.navigationBarBackgroundColor;
  if (windowConfig.navigationBarTextStyle === 'white') navbar.style.color = '#fff';
  return {
    screen,
    pages,
    overlay,
    setTitle: (text) => {
      title.textContent = text;
    },
    setColors: (front, background) => {
      navbar.style.color = front;
      navbar.style.background = background;
    },
    setBack: (visible) => {
      back.hidden = !visible;
    },
    setNavigationStyle: (style) => {
      navbar.dataset.style = style;
    },
    setBadge: (index, badge) => {
      const tab = tabs[index];
      if (!tab) return false;
      tab.querySelector('.tsr-badge')?.remove();
      if (badge !== undefined) tab.appendChild(Object.assign(doc.createElement('span'), { className: 'tsr-badge', textContent: badge }));
      return true;
    },
    selectTab: (path) => {
      const bar = tabs[0]?.parentElement;
      if (bar) bar.hidden = !tabs.some((tab) => tab.dataset.path === path);
      for (const tab of tabs) {
        const selected = tab.dataset.path === path;
        tab.setAttribute('aria-selected', String(selected));
        const icon = tab.querySelector('img');
        if (icon) icon.src = (selected ? icon.dataset.selected : undefined) ?? icon.dataset.icon ?? '';
        tab.style.color = (selected ? app.tabBar?.selectedColor : app.tabBar?.color) ?? '';
      }
    },
  };
}
