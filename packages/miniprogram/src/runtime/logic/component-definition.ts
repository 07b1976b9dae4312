/** A function the mini program supplies; its `this` is the instance. */
// The author's code decides argument and return types; the runtime only forwards them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UserFunction = (this: any, ...args: any[]) => any;

/** A declared property, after shorthand (`title: String`) is expanded. */
export interface PropertySpec {
  type: unknown;
  value: unknown;
  observer?: UserFunction | string;
}

/** A component or behavior after its options and behaviors are merged. */
export interface ComponentDefinition {
  path: string;
  properties: Record<string, PropertySpec>;
  data: Record<string, unknown>;
  methods: Record<string, UserFunction>;
  lifetimes: Record<string, UserFunction[]>;
  pageLifetimes: Record<string, UserFunction[]>;
  observers: Array<{ fields: string[]; handler: UserFunction }>;
  relations: Record<string, unknown>;
  externalClasses: string[];
  options: Record<string, unknown>;
  behaviors: unknown[];
}

const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];

/** Marks objects returned by Behavior() so `behaviors: [...]` can tell them from built-in names. */
export const BEHAVIOR_MARK = Symbol('tessera.behavior');

/** Merges a Component() or Behavior() options object with its behaviors, behaviors first. */
export function defineComponent(path: string, options: Record<string, unknown>): ComponentDefinition {
  const definition: ComponentDefinition = {
    path,
    properties: {},
    data: {},
    methods: {},
    lifetimes: {},
    pageLifetimes: {},
    observers: [],
    relations: {},
    externalClasses: [],
    options: {},
    behaviors: [],
  };
  for (const behavior of (options.behaviors as unknown[]) ?? []) {
    const inner = (behavior as Record<symbol, ComponentDefinition | undefined>)?.[BEHAVIOR_MARK];
    if (inner) merge(definition, inner);
    definition.behaviors.push(behavior);
  }
  merge(definition, normalise(path, options));
  return definition;
}

function normalise(path: string, options: Record<string, unknown>): ComponentDefinition {
  const properties: Record<string, PropertySpec> = {};
  for (const [name, spec] of Object.entries((options.properties ?? {}) as Record<string, unknown>)) {
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      const full = spec as { type?: unknown; value?: unknown; observer?: UserFunction | string };
      properties[name] = { type: full.type ?? null, value: 'value' in full ? full.value : defaultFor(full.type), observer: full.observer };
    } else {
      properties[name] = { type: spec, value: defaultFor(spec) };
    }
  }
  const lifetimes: Record<string, UserFunction[]> = {};
  const lifetimeSource = { ...pick(options, LIFETIMES), ...((options.lifetimes ?? {}) as Record<string, UserFunction>) };
  for (const [name, handler] of Object.entries(lifetimeSource)) if (typeof handler === 'function') lifetimes[name] = [handler];
  const pageLifetimes: Record<string, UserFunction[]> = {};
  for (const [name, handler] of Object.entries((options.pageLifetimes ?? {}) as Record<string, UserFunction>)) if (typeof handler === 'function') pageLifetimes[name] = [handler];
  const observers = Object.entries((options.observers ?? {}) as Record<string, UserFunction>).map(([key, handler]) => ({ fields: key.split(',').map((field) => field.trim()), handler }));
  return {
    path,
    properties,
    data: structuredClone((options.data ?? {}) as Record<string, unknown>),
    methods: { ...((options.methods ?? {}) as Record<string, UserFunction>) },
    lifetimes,
    pageLifetimes,
    observers,
    relations: (options.relations ?? {}) as Record<string, unknown>,
    externalClasses: (options.externalClasses ?? []) as string[],
    options: (options.options ?? {}) as Record<string, unknown>,
    behaviors: [],
  };
}

function merge(into: ComponentDefinition, from: ComponentDefinition): void {
  Object.assign(into.properties, from.properties);
  Object.assign(into.data, structuredClone(from.data));
  Object.assign(into.methods, from.methods);
  for (const [name, handlers] of Object.entries(from.lifetimes)) (into.lifetimes[name] ??= []).push(...handlers);
  for (const [name, handlers] of Object.entries(from.pageLifetimes)) (into.pageLifetimes[name] ??= []).push(...handlers);
  into.observers.push(...from.observers);
  Object.assign(into.relations, from.relations);
  into.externalClasses.push(...from.externalClasses);
  Object.assign(into.options, from.options);
}

function pick(source: Record<string, unknown>, names: string[]): Record<string, UserFunction> {
  const out: Record<string, UserFunction> = {};
  for (const name of names) if (typeof source[name] === 'function') out[name] = source[name] as UserFunction;
  return out;
}

/** WeChat's defaults when a property declares only its type. */
export function defaultFor(type: unknown): unknown {
  switch (type) {
    case String: return '';
    case Number: return 0;
    case Boolean: return false;
    case Array: return [];
    case Object: return null;
    default: return null;
  }
}

/** Converts a value from the template to the property's declared type. */
export function coerceProperty(spec: PropertySpec, value: unknown): unknown {
  if (value === undefined || value === null) return structuredClone(spec.value);
  if (spec.type === Number && typeof value !== 'number') return Number(value) || 0;
  if (spec.type === String && typeof value !== 'string') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (spec.type === Boolean && typeof value !== 'boolean') return Boolean(value);
  return value;
}
