/**
 * Entry of the region picker's own bundle, which the host sends to a view frame the first time
 * a page opens `<picker mode="region">`; the view runtime's loader then calls `open`.
 */
import { REGION_PICKER_GLOBAL } from '../shared/region-table';
import { openRegionSheet } from './region-picker';

(globalThis as unknown as Record<string, unknown>)[REGION_PICKER_GLOBAL] = { open: openRegionSheet };
