import { allPages, type Schemas, unwrap } from '@rota/client';
import { useQuery } from '@tanstack/react-query';
import { useRota } from '../../api/rota-context.tsx';
import { flattenTree, type Unit, type UnitNode, unitTree } from './unit-tree.ts';

/**
 * The units the signed-in organizer manages, as a tree: their own unit and everything below
 * it (the admin: every tree). Units are few (a district has hundreds, not millions) and any
 * token may read them, so one paged read of all of them beats a request per tree level.
 */
export function useUnitTree(me: Schemas['Me']) {
  const rota = useRota();
  return useQuery({
    queryKey: ['units', 'tree', me.unitId ?? null],
    staleTime: 60_000,
    queryFn: async (): Promise<{
      roots: UnitNode[];
      units: UnitNode[];
      byId: Map<string, Unit>;
    }> => {
      const units: Unit[] = [];
      for await (const unit of allPages((cursor) =>
        unwrap(
          rota.GET('/v1/units', {
            params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      )) {
        units.push(unit);
      }
      const rootIds = me.unitId
        ? [me.unitId]
        : units.filter((unit) => unit.parentId === null).map((unit) => unit.id);
      const roots = unitTree(units, rootIds);
      const flat = flattenTree(roots);
      return { roots, units: flat, byId: new Map(flat.map((node) => [node.unit.id, node.unit])) };
    },
  });
}
