import type { ComponentState } from './component-instance';
import type { PageRecord } from './page-instance';

/** What selectComponent matches on: who rendered the component, its id and its classes. */
export const selectors = new WeakMap<ComponentState, { owner: number; id: string; classes: string[] }>();

/**
 * selectComponent / selectAllComponents: components rendered by the caller's own template
 * (`ownerId` 0 for the page) matching `#id`, `.class` or a comma-separated list of those.
 */
export function selectComponents(record: PageRecord, ownerId: number, selector: string): unknown[] {
  const alternatives = selector.split(',').map((part) => part.trim()).filter(Boolean);
  const found: unknown[] = [];
  for (const state of record.components.values()) {
    const info = selectors.get(state);
    if (!info || info.owner !== ownerId) continue;
    const matches = alternatives.some((part) => {
      if (part.startsWith('#')) return info.id === part.slice(1);
      if (part.startsWith('.')) return part.slice(1).split('.').every((name) => info.classes.includes(name));
      return false;
    });
    if (matches) found.push(state.instance);
  }
  return found;
}
