/**
 * China's administrative divisions (GB/T 2260) as `<picker mode="region">` uses them: a compact
 * province -> city -> district tree the host serves on demand, and the pure rules that turn a
 * `value` of names into chosen rows and chosen rows into the change event's names and codes.
 */

/** One division: its six-digit code, its name and the divisions under it. */
export type RegionNode = [code: string, name: string, children?: RegionNode[]];

/** The whole tree, provinces first; `source` names the data set it was built from. */
export interface RegionTable {
  source: string;
  provinces: RegionNode[];
}

/** A view frame asks its host (`window.parent`) for the region picker with this message. */
export const REGION_REQUEST_MESSAGE = 'tessera.region.request';
/** The host's answer: `{ type, script, table }` (a `RegionPickerBundle`) or `{ type, error }`. */
export const REGION_PICKER_MESSAGE = 'tessera.region.picker';
/** The global the picker's script defines in the view frame. */
export const REGION_PICKER_GLOBAL = '__tesseraRegionPicker';

/**
 * What a host hands a view frame the first time it opens a region picker: the picker's code
 * (a runtime bundle of its own, kept out of the view runtime) and the table.
 */
export interface RegionPickerBundle {
  script: string;
  table: RegionTable;
}

/** How many columns each `level` shows. `sub-district` needs streets, which the table does not have. */
export const REGION_LEVELS: Readonly<Record<string, number>> = { province: 1, city: 2, region: 3 };

/** The columns shown for the chosen rows, and those rows clamped to the columns they are in. */
export interface RegionColumns {
  columns: RegionNode[][];
  chosen: number[];
}

/**
 * The columns for `depth` levels: the first lists the provinces, each next one the divisions of
 * the row chosen before it. A custom item (code '') heads every column; once it is chosen, the
 * columns after it hold only the custom item, as WeChat shows them.
 */
export function regionColumns(table: RegionTable, depth: number, customItem: string, chosen: readonly number[]): RegionColumns {
  const custom: RegionNode | undefined = customItem ? ['', customItem] : undefined;
  const columns: RegionNode[][] = [];
  const rows: number[] = [];
  let entries: RegionNode[] = table.provinces;
  for (let level = 0; level < depth; level++) {
    const column = custom ? [custom, ...entries] : entries;
    const row = Math.min(Math.max(0, Math.trunc(chosen[level] ?? 0)), Math.max(0, column.length - 1));
    columns.push(column);
    rows.push(row);
    const picked = column[row];
    entries = picked && picked[0] ? (picked[2] ?? []) : [];
  }
  return { columns, chosen: rows };
}

/**
 * The rows a `value` of names selects. A name not found in its column (or no name) selects the
 * first row there and in every column after it.
 */
export function regionRowsForNames(table: RegionTable, depth: number, customItem: string, names: unknown): number[] {
  const wanted = Array.isArray(names) ? names : [];
  const rows: number[] = [];
  for (let level = 0; level < depth; level++) {
    const { columns } = regionColumns(table, level + 1, customItem, rows);
    const column = columns[level] ?? [];
    const row = column.findIndex((entry) => entry[1] === wanted[level]);
    if (row < 0) break;
    rows.push(row);
  }
  while (rows.length < depth) rows.push(0);
  return rows;
}

/** What the change event reports for the chosen rows: the names and the six-digit codes. */
export function regionSelection(columns: RegionColumns): { value: string[]; code: string[] } {
  const chosen = columns.columns.map((column, level) => column[columns.chosen[level] ?? 0]);
  return { value: chosen.map((entry) => entry?.[1] ?? ''), code: chosen.map((entry) => entry?.[0] ?? '') };
}
