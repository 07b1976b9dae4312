import type { WxmlAttribute, WxmlElement } from './wxml-parser';

/** The levels `<picker mode="region">` can show: the region data has provinces, cities and districts, no streets. */
const REGION_LEVELS = ['province', 'city', 'region'];

const literal = (entry: WxmlAttribute | undefined): string | undefined => (entry && entry.value !== true && !entry.value.includes('{{') ? entry.value : undefined);

/**
 * A written-out attribute value of a built-in component that Tessera cannot honour, found at
 * compile time (bound values are checked when the component is used). Returns the attribute to
 * point at and why, or nothing.
 */
export function unsupportedBuiltInAttribute(element: WxmlElement): { attribute: WxmlAttribute; message: string } | undefined {
  if (element.tag !== 'picker') return undefined;
  const find = (name: string): WxmlAttribute | undefined => element.attributes.find((entry) => entry.name === name);
  const level = find('level');
  const value = literal(level);
  if (!level || value === undefined || literal(find('mode')) !== 'region' || REGION_LEVELS.includes(value)) return undefined;
  return {
    attribute: level,
    message: value === 'sub-district' ? '<picker mode="region" level="sub-district"> is not supported: the region data has no streets' : `<picker mode="region">: level "${value}" is not one of ${REGION_LEVELS.join(', ')}`,
  };
}
