import type { operations } from '@rota/client';

export type Unit = operations['getUnit']['responses'][200]['content']['application/json'];

/** A unit with the units below it, in the order the API lists them (creation order). */
export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
  /** How many levels below the top of the tree shown (0 for a root). */
  depth: number;
}

/**
 * The tree below `rootIds` (an organizer's own unit; for the admin every unit without a
 * parent), built from a flat list of units. Units outside the roots' subtrees are left out;
 * a cycle in bad data cannot loop (each unit is placed once).
 *
 * @example
 * unitTree([{ id: 'a', parentId: null, ... }, { id: 'b', parentId: 'a', ... }], ['a']);
 * // [{ unit: a, depth: 0, children: [{ unit: b, depth: 1, children: [] }] }]
 */
export function unitTree(units: readonly Unit[], rootIds: readonly string[]): UnitNode[] {
  // No sorting by name: 第二网格 sorts before 第一网格 in pinyin order; the order units were
  // created in is the order people number them in.
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const childrenOf = new Map<string, Unit[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const siblings = childrenOf.get(unit.parentId) ?? [];
    siblings.push(unit);
    childrenOf.set(unit.parentId, siblings);
  }
  const placed = new Set<string>();
  const build = (unit: Unit, depth: number): UnitNode => {
    placed.add(unit.id);
    const children = (childrenOf.get(unit.id) ?? [])
      .filter((child) => !placed.has(child.id))
      .map((child) => build(child, depth + 1));
    return { unit, children, depth };
  };
  return rootIds
    .map((id) => byId.get(id))
    .filter((unit): unit is Unit => unit !== undefined)
    .map((unit) => build(unit, 0));
}

/** Every unit of the tree, depth first (the order a tree shows them in). */
export function flattenTree(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** The kind a new unit below `parent` most likely has (a grid below a community, ...). */
export function childKind(parent: Unit['kind']): Unit['kind'] {
  const next: Record<Unit['kind'], Unit['kind']> = {
    district: 'subdistrict',
    subdistrict: 'community',
    community: 'grid',
    grid: 'grid',
    organization: 'organization',
  };
  return next[parent];
}
