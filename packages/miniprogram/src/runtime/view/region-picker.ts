import { REGION_LEVELS, regionColumns, regionRowsForNames, regionSelection, type RegionTable } from '../shared/region-table';
import type { MountedElement } from './dom-patch';
import { controlState, type BuiltInContext } from './form-controls';

/**
 * The region picker's sheet. It is not part of the view runtime: the host sends this code with
 * the division table the first time a page opens a `<picker mode="region">` (see
 * region-picker-loader.ts), so pages that never open one neither load nor parse it.
 */

/** Why a region picker could not open, with a stable code the developer can search for. */
export class RegionPickerError extends Error {
  constructor(
    readonly code: 'picker_region_level_unsupported' | 'picker_region_level_invalid' | 'picker_region_data_unavailable',
    message: string,
  ) {
    super(message);
  }
}

const STYLES = `
tsr-picker-sheet{position:fixed;z-index:5000;inset:0;font:16px/1.4 -apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Microsoft YaHei",sans-serif}
.tsr-picker-mask{position:absolute;inset:0;background:rgba(0,0,0,.6)}
.tsr-picker-panel{position:absolute;left:0;right:0;bottom:0;background:#fff}
.tsr-picker-header{display:flex;align-items:center;height:56px;padding:0 8px;border-bottom:1px solid #e5e5e5}
.tsr-picker-header>button{border:0;background:none;font:inherit;font-size:17px;padding:8px 12px;cursor:pointer;color:#000}
.tsr-picker-header>.tsr-picker-confirm{color:#07c160;font-weight:500}
.tsr-picker-confirm:disabled{opacity:.4}
.tsr-picker-title{flex:1;text-align:center;font-size:17px;font-weight:500;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.tsr-picker-body{display:flex;min-height:238px;align-items:center;justify-content:center;color:#888}
.tsr-picker-column{flex:1;min-width:0;height:238px;border:0;outline:0;font:inherit;font-size:17px;text-align:center;color:#000;overflow-y:auto}
.tsr-picker-column>option{padding:8px 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.tsr-picker-column>option:checked,.tsr-picker-column:focus>option:checked{background:#f2f2f2 linear-gradient(#f2f2f2,#f2f2f2);color:#000;-webkit-text-fill-color:#000;font-weight:500}
`;

const chinese = (): boolean => /^zh\b/i.test(navigator.language);

/** Scrolls a column so its chosen row sits in the middle, where WeChat's wheel shows it. */
function centre(select: HTMLSelectElement): void {
  const rowHeight = select.options.length ? select.scrollHeight / select.options.length : 0;
  select.scrollTop = Math.max(0, rowHeight * select.selectedIndex - (select.clientHeight - rowHeight) / 2);
}

/** The sheet's styles, added to the document once. */
function addStyles(doc: Document): void {
  if (doc.getElementById('tsr-picker-styles')) return;
  doc.head.appendChild(Object.assign(doc.createElement('style'), { id: 'tsr-picker-styles', textContent: STYLES }));
}

/**
 * Opens the sheet of a `<picker mode="region">`: cancel, header-text and confirm over one list
 * per level (province, city, district), the picker's `value` chosen. Choosing a row refills the
 * columns after it; confirm fires `change` with the names and six-digit codes, cancel (or a tap
 * on the mask, or Escape) fires `cancel`.
 */
export function openRegionSheet(el: MountedElement, context: BuiltInContext, regions: RegionTable): void {
  const attributes = el.__v?.a ?? {};
  const level = typeof attributes.level === 'string' && attributes.level ? attributes.level : 'region';
  const depth = REGION_LEVELS[level];
  if (!depth) {
    const error = level === 'sub-district'
      ? new RegionPickerError('picker_region_level_unsupported', '<picker mode="region" level="sub-district"> is not supported: the region data has no streets')
      : new RegionPickerError('picker_region_level_invalid', `<picker mode="region">: level "${level}" is not one of province, city, region`);
    context.report(`[${error.code}] ${error.message}`);
    return;
  }
  const doc = el.ownerDocument;
  if (doc.querySelector('tsr-picker-sheet')) return;
  addStyles(doc);
  const customItem = typeof attributes['custom-item'] === 'string' ? attributes['custom-item'] : '';
  // Outside the body, which the page renders into: nothing here is a WXML node or takes WXML events.
  const sheet = doc.createElement('tsr-picker-sheet');
  const part = (tag: string, className: string, parent: HTMLElement, text = ''): HTMLElement => parent.appendChild(Object.assign(doc.createElement(tag), { className, textContent: text }));
  const mask = part('div', 'tsr-picker-mask', sheet);
  const panel = part('div', 'tsr-picker-panel', sheet);
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'true');
  const header = part('div', 'tsr-picker-header', panel);
  const cancel = part('button', 'tsr-picker-cancel', header, chinese() ? '取消' : 'Cancel');
  const title = part('span', 'tsr-picker-title', header, typeof attributes['header-text'] === 'string' ? attributes['header-text'] : '');
  panel.setAttribute('aria-label', title.textContent || (chinese() ? '选择地区' : 'Choose a region'));
  const confirm = part('button', 'tsr-picker-confirm', header, chinese() ? '确定' : 'OK');
  const body = part('div', 'tsr-picker-body', panel);
  doc.documentElement.appendChild(sheet);

  const close = (type: 'change' | 'cancel', detail: unknown): void => {
    sheet.remove();
    if (el.isConnected) context.emit(el, type, detail);
  };
  mask.addEventListener('click', () => close('cancel', {}));
  cancel.addEventListener('click', () => close('cancel', {}));
  sheet.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close('cancel', {});
  });

  let rows = regionRowsForNames(regions, depth, customItem, attributes.value);
  const selects = Array.from({ length: depth }, () => Object.assign(doc.createElement('select'), { size: 5, className: 'tsr-picker-column' }));
  const fill = (from: number): void => {
    const shown = regionColumns(regions, depth, customItem, rows);
    rows = shown.chosen;
    for (let index = from; index < depth; index++) {
      const select = selects[index] as HTMLSelectElement;
      select.replaceChildren(...(shown.columns[index] ?? []).map(([code, name], row) => Object.assign(doc.createElement('option'), { value: String(row), textContent: name, title: code })));
      select.selectedIndex = rows[index] ?? 0;
      centre(select);
    }
  };
  selects.forEach((select, index) => {
    select.setAttribute('aria-label', (chinese() ? ['省', '市', '区'] : ['Province', 'City', 'District'])[index] ?? '');
    select.addEventListener('change', () => {
      // A new province starts its cities and districts from their first rows, and so on down.
      rows = [...rows.slice(0, index), select.selectedIndex];
      fill(index + 1);
    });
  });
  body.replaceChildren(...selects);
  fill(0);
  confirm.addEventListener('click', () => {
    const detail = regionSelection(regionColumns(regions, depth, customItem, rows));
    controlState(el).value = detail.value;
    close('change', detail);
  });
  selects[0]?.focus();
}
