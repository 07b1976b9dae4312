import { joinPath } from './module-registry';
import type { ComponentState } from './component-instance';
import { invoke } from './lifecycle-invoker';

/** A relations entry: `{ type: 'parent' | 'child' | 'ancestor' | 'descendant', linked, linkChanged, unlinked, target }`. */
interface RelationSpec {
  type?: string;
  target?: unknown;
  linked?: unknown;
  linkChanged?: unknown;
  unlinked?: unknown;
}

/** Which relation types on one side fit which on the other, and whether distance matters. */
const COUNTERPART: Record<string, { other: string[]; directOnly: boolean }> = {
  parent: { other: ['child'], directOnly: true },
  child: { other: ['parent'], directOnly: true },
  ancestor: { other: ['descendant'], directOnly: false },
  descendant: { other: ['ancestor'], directOnly: false },
};

/** Live links between component instances, kept per page. */
export class RelationLinks {
  private readonly links = new Map<ComponentState, Array<{ other: ComponentState; key: string }>>();

  /**
   * Links a newly attached component with its component ancestors (nearest first) where both
   * sides declare matching relations, and calls `linked` on both, as WeChat does.
   */
  attach(state: ComponentState, ancestors: ComponentState[]): void {
    ancestors.forEach((ancestor, distance) => {
      for (const [key, spec] of relationsOf(state)) {
        const wanted = COUNTERPART[spec.type ?? ''];
        if (!wanted || (spec.type !== 'parent' && spec.type !== 'ancestor')) continue;
        if (wanted.directOnly && distance > 0) continue;
        if (!matches(state, key, spec, ancestor)) continue;
        const back = relationsOf(ancestor).find(([otherKey, otherSpec]) => wanted.other.includes(otherSpec.type ?? '') && matches(ancestor, otherKey, otherSpec, state));
        if (!back) continue;
        this.add(state, ancestor, key);
        this.add(ancestor, state, back[0]);
        invoke(spec.linked, state.instance, [ancestor.instance], `${state.definition.path} relation linked`);
        invoke(back[1].linked, ancestor.instance, [state.instance], `${ancestor.definition.path} relation linked`);
      }
    });
  }

  /** Unlinks a detached component from everything, calling `unlinked` on both sides. */
  detach(state: ComponentState): void {
    for (const { other, key } of this.links.get(state) ?? []) {
      const back = (this.links.get(other) ?? []).filter((link) => link.other === state);
      this.links.set(other, (this.links.get(other) ?? []).filter((link) => link.other !== state));
      invoke(specOf(state, key)?.unlinked, state.instance, [other.instance], `${state.definition.path} relation unlinked`);
      for (const link of back) invoke(specOf(other, link.key)?.unlinked, other.instance, [state.instance], `${other.definition.path} relation unlinked`);
    }
    this.links.delete(state);
  }

  /**
   * A component moved within its parent (a keyed list reordered): every link keeps the new
   * document order (`order` lists every component of the page), and both sides of each link
   * the moved component has get `linkChanged`, as WeChat does.
   */
  moved(state: ComponentState, order: Map<number, number>): void {
    for (const list of this.links.values()) list.sort((a, b) => (order.get(a.other.ownerId) ?? 0) - (order.get(b.other.ownerId) ?? 0));
    for (const { other, key } of this.links.get(state) ?? []) {
      invoke(specOf(state, key)?.linkChanged, state.instance, [other.instance], `${state.definition.path} relation linkChanged`);
      for (const link of (this.links.get(other) ?? []).filter((candidate) => candidate.other === state)) {
        invoke(specOf(other, link.key)?.linkChanged, other.instance, [state.instance], `${other.definition.path} relation linkChanged`);
      }
    }
  }

  /** `getRelationNodes(path)`: the linked instances for one relations key. */
  nodes(state: ComponentState, key: string): unknown[] {
    return (this.links.get(state) ?? []).filter((link) => link.key === key).map((link) => link.other.instance);
  }

  private add(from: ComponentState, to: ComponentState, key: string): void {
    const list = this.links.get(from) ?? [];
    list.push({ other: to, key });
    this.links.set(from, list);
  }
}

function relationsOf(state: ComponentState): Array<[string, RelationSpec]> {
  return Object.entries(state.definition.relations as Record<string, RelationSpec>);
}

function specOf(state: ComponentState, key: string): RelationSpec | undefined {
  return (state.definition.relations as Record<string, RelationSpec>)[key];
}

/**
 * Whether `other` is what a relation points at: a relation with `target` (a Behavior()) takes any
 * component built with that behavior, whatever its key says; otherwise the key names the component.
 */
function matches(state: ComponentState, key: string, spec: RelationSpec, other: ComponentState): boolean {
  if (spec.target !== undefined) return other.definition.behaviors.includes(spec.target);
  return resolveTarget(state, key) === other.definition.path;
}

/** A relations key is a component path relative to the declaring component (or root-relative). */
function resolveTarget(state: ComponentState, key: string): string {
  const base = state.definition.path.slice(0, state.definition.path.lastIndexOf('/'));
  return key.startsWith('/') ? joinPath('', key.slice(1)) : joinPath(base, key);
}
