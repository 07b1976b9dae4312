import type { SelectorRequest } from '../shared/runtime-messages';

/** Sends a batch of selector requests to the page's view and resolves with one result per request. */
export type QueryTransport = (requests: SelectorRequest[]) => Promise<unknown[]>;

type Callback = ((result: unknown) => void) | undefined;

/**
 * wx.createSelectorQuery(): collects select/selectAll/selectViewport requests with the fields
 * wanted, and measures them in the view on exec(), calling each request's callback and then
 * exec's with all results in order.
 */
export function createSelectorQuery(transport: QueryTransport, report: (error: unknown, where: string) => void, initialScope = 0): Record<string, unknown> {
  let scope = initialScope;
  // The transport resolves canvas nodes (see canvas-nodes.ts) before results arrive here.
  const requests: SelectorRequest[] = [];
  const callbacks: Callback[] = [];
  const query: Record<string, unknown> = {};
  const nodes = (selector: string, all: boolean): Record<string, unknown> => {
    const add = (fields: SelectorRequest['fields'], callback: Callback): Record<string, unknown> => {
      requests.push({ selector, all, fields, scope });
      callbacks.push(callback);
      return query;
    };
    return {
      boundingClientRect: (callback?: Callback) => add({ rect: true, size: true, id: true, dataset: true }, callback),
      scrollOffset: (callback?: Callback) => add({ scrollOffset: true, id: true, dataset: true }, callback),
      fields: (fields: SelectorRequest['fields'], callback?: Callback) => add(fields ?? {}, callback),
    };
  };
  // query.in(component) searches inside that component, as this.createSelectorQuery() in it does.
  query.in = (component: { __scope?: number } | undefined) => {
    scope = component?.__scope ?? 0;
    return query;
  };
  query.select = (selector: string) => nodes(selector, false);
  query.selectAll = (selector: string) => nodes(selector, true);
  query.selectViewport = () => nodes('viewport', false);
  query.exec = (callback?: Callback) => {
    void transport(requests.slice()).then(
      (results) => {
        results.forEach((result, index) => safely(callbacks[index], result, report));
        safely(callback, results, report);
      },
      (error: unknown) => report(error, 'createSelectorQuery exec'),
    );
    return query;
  };
  return query;
}

function safely(callback: Callback, value: unknown, report: (error: unknown, where: string) => void): void {
  if (!callback) return;
  try {
    callback(value);
  } catch (error) {
    report(error, 'createSelectorQuery callback');
  }
}
