/** An event binding from WXML: [kind, event type, handler name]. */
export type EventBinding = [kind: 'bind' | 'catch' | 'mut-bind' | 'capture-bind' | 'capture-catch', type: string, handler: unknown];

/** A rendered element: tag, attributes, events, children, key, dataset, mark, component path, owner. */
export interface VElement {
  t: string;
  a: Record<string, unknown>;
  v: EventBinding[] | null;
  c: VNode[];
  k: string | undefined;
  d: Record<string, unknown> | null;
  m: Record<string, unknown> | null;
  /** Component path when the tag is a custom component. */
  p: string | undefined;
  /** Id of the page (0) or component instance whose template produced this node. */
  o: number;
  /** The DOM element, filled in when the node is mounted. */
  el?: HTMLElement;
  /** The view's component instance id, for custom component hosts. */
  ci?: number;
  /**
   * On a component host: the implementation chosen for each abstract node the component
   * declares (`generic:name="tag"`), as component paths.
   */
  g?: Record<string, string | undefined>;
}

/** A text node. */
export interface VText {
  x: string;
  el?: Text;
}

/** Any node a render function returns. */
export type VNode = VElement | VText;

/** True for element nodes. */
export function isElement(node: VNode): node is VElement {
  return (node as VElement).t !== undefined;
}

/** A compiled WXML file as the view registry stores it. */
export interface WxmlModule {
  /** Imported files whose templates this file may use. */
  i: string[];
  /** wxs module name -> module id. */
  w: Record<string, string>;
  t: Record<string, RenderFunction>;
  r: RenderFunction;
  /**
   * Data names the page render reads only as the list of item-only loops, with those loops'
   * memo ids: a change inside one row of such a list re-renders that row alone.
   */
  l?: Record<string, string[]>;
}

/** A render function: scope in, virtual nodes out. */
export type RenderFunction = (scope: Record<string, unknown>, helpers: RenderHelpers) => VNode[];

/** The helper object generated render code calls; see render-helpers.ts. */
export interface RenderHelpers {
  e(tag: string, attributes: Record<string, unknown>, events: EventBinding[] | null, children: VNode[], key: string | undefined, dataset: Record<string, unknown> | null, mark: Record<string, unknown> | null, component: string | undefined, generics?: Record<string, string | undefined>): VNode;
  /**
   * The component an abstract node of the rendering component stands for in this instance:
   * what its user chose with `generic:name`, else the declared default.
   */
  gp(name: string, fallback: string | null): string | undefined;
  t(text: unknown): VText;
  f(list: unknown, each: (item: unknown, index: number | string) => void): void;
  /** A loop whose body depends only on its item and index: rows of unchanged items are reused. */
  fm(list: unknown, memo: string, body: (item: unknown, index: number | string) => VNode[], out: VNode[]): void;
  /**
   * Starts a render pass (a row's nodes are reused at most once per pass). Loops whose memo id
   * is in `tracked` remember where each row's nodes went, for `rerow`.
   */
  begin(tracked?: ReadonlySet<string>): void;
  s(parent: Record<string, unknown>, itemName: string, item: unknown, indexName: string, index: number | string): Record<string, unknown>;
  k(item: unknown, field: string, index: number | string): string;
  str(value: unknown): string;
  m(object: unknown, key: unknown): unknown;
  cls(value: unknown): string;
  tpl(file: string, name: unknown, data: Record<string, unknown>): VNode[];
}
