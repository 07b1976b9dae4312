import { createRequire } from 'node:module';
import { runtimeBundles } from './runtime-bundles';
import type { RegionNode, RegionPickerBundle, RegionTable } from './shared/region-table';

/** The data set's three lists, keyed by six-digit code, as `@vant/area-data` exports them. */
export interface AreaLists {
  province_list: Record<string, string>;
  city_list: Record<string, string>;
  county_list: Record<string, string>;
}

/** The data set does not form a province -> city -> district tree. */
export class RegionDataError extends Error {
  readonly code = 'region_data_invalid';
}

const SIX_DIGITS = /^\d{6}$/;

/**
 * Builds the compact tree from the three flat lists: a city sits under the province sharing its
 * first two digits, a district under the city sharing its first four. Every row is checked.
 */
export function buildRegionTable(lists: AreaLists, source: string): RegionTable {
  const sorted = (list: Record<string, string>): Array<[string, string]> => Object.entries(list).sort(([a], [b]) => a.localeCompare(b));
  const provinces = new Map<string, RegionNode>();
  const cities = new Map<string, RegionNode>();
  for (const [code, name] of sorted(lists.province_list)) {
    if (!SIX_DIGITS.test(code) || !code.endsWith('0000')) throw new RegionDataError(`province code ${code} (${name}) is not of the form XX0000`);
    provinces.set(code.slice(0, 2), [code, name, []]);
  }
  for (const [code, name] of sorted(lists.city_list)) {
    const province = provinces.get(code.slice(0, 2));
    if (!SIX_DIGITS.test(code) || !province) throw new RegionDataError(`city ${code} (${name}) has no province`);
    const city: RegionNode = [code, name, []];
    province[2]?.push(city);
    cities.set(code.slice(0, 4), city);
  }
  for (const [code, name] of sorted(lists.county_list)) {
    const city = cities.get(code.slice(0, 4));
    if (!SIX_DIGITS.test(code) || !city) throw new RegionDataError(`district ${code} (${name}) has no city`);
    city[2]?.push([code, name]);
  }
  return { source, provinces: [...provinces.values()] };
}

let cached: Promise<RegionTable> | undefined;

/**
 * The province/city/district table `<picker mode="region">` shows, built once per process from
 * the pinned `@vant/area-data` package. Hosts serve it to view frames on request, so it is part
 * of neither a mini program's package nor the view runtime.
 */
export function regionTable(): Promise<RegionTable> {
  cached ??= import('@vant/area-data').then(({ areaList }) => {
    const { version } = createRequire(import.meta.url)('@vant/area-data/package.json') as { version: string };
    return buildRegionTable(areaList, `@vant/area-data@${version}`);
  });
  return cached;
}

/** What a host serves for `MiniProgramHost`'s `regionPicker` option: the picker's code and the table. */
export async function regionPickerBundle(): Promise<RegionPickerBundle> {
  const [bundles, table] = await Promise.all([runtimeBundles(), regionTable()]);
  return { script: bundles.regionPicker, table };
}
