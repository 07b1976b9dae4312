import { describe, expect, it } from 'vitest';
import { buildRegionTable, RegionDataError, regionTable } from './region-data';
import { regionColumns, regionRowsForNames, regionSelection } from './shared/region-table';

describe('region table', () => {
  it('nests every city and district of the data set under its province and city, with codes', async () => {
    const table = await regionTable();
    expect(table.source).toMatch(/^@vant\/area-data@\d/);
    expect(table.provinces.length).toBeGreaterThanOrEqual(31);
    const guangdong = table.provinces.find(([, name]) => name === '广东省');
    const guangzhou = guangdong?.[2]?.find(([, name]) => name === '广州市');
    expect(guangdong?.[0]).toBe('440000');
    expect(guangzhou?.[0]).toBe('440100');
    expect(guangzhou?.[2]).toContainEqual(['440105', '海珠区']);
  });

  it('refuses rows that do not fit the tree', () => {
    expect(() => buildRegionTable({ province_list: { 110000: '北京市' }, city_list: { 120100: '天津市' }, county_list: {} }, 'test')).toThrow(RegionDataError);
    expect(() => buildRegionTable({ province_list: { 11000: '北京市' }, city_list: {}, county_list: {} }, 'test')).toThrow(/XX0000/);
  });

  it('turns names into rows, falling back to the first rows from the first unknown name on', () => {
    const table = buildRegionTable({ province_list: { 110000: 'A', 120000: 'B' }, city_list: { 110100: 'A1', 120100: 'B1', 120200: 'B2' }, county_list: { 110101: 'A1a', 120101: 'B1a', 120201: 'B2a', 120202: 'B2b' } }, 'test');
    expect(regionRowsForNames(table, 3, '', ['B', 'B2', 'B2b'])).toEqual([1, 1, 1]);
    expect(regionRowsForNames(table, 3, '', ['B', 'nowhere', 'B2b'])).toEqual([1, 0, 0]);
    expect(regionRowsForNames(table, 2, '全部', ['全部'])).toEqual([0, 0]);
    expect(regionSelection(regionColumns(table, 3, '', [1, 1, 1]))).toEqual({ value: ['B', 'B2', 'B2b'], code: ['120000', '120200', '120202'] });
    // Once the custom item is chosen, the columns after it offer only the custom item.
    expect(regionColumns(table, 3, '全部', [0, 2, 0]).columns.map((column) => column.map(([, name]) => name))).toEqual([['全部', 'A', 'B'], ['全部'], ['全部']]);
  });
});
