import { useQuery } from '@tanstack/react-query';
import { api, type Unit, call } from './api';
import { UNIT_KIND_LABELS, type UnitKind } from './labels';

export const UNITS_KEY = ['units'];

export function useUnits() {
  return useQuery({
    queryKey: UNITS_KEY,
    queryFn: () => call(api.GET('/api/v1/units', { params: { query: { includeInactive: 'true' } } })).then((r) => r.items),
  });
}

const collator = new Intl.Collator('zh-CN');

export const byUnitOrder = (a: Unit, b: Unit) => a.sortOrder - b.sortOrder || collator.compare(a.name, b.name);

// Children of each unit (key null = top level), in display order.
export function childrenOf(units: Unit[]): Map<number | null, Unit[]> {
  const ids = new Set(units.map((u) => u.id));
  const map = new Map<number | null, Unit[]>();
  for (const unit of [...units].sort(byUnitOrder)) {
    // A unit whose parent is not in the list is shown at the top rather than lost.
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    map.set(parent, [...(map.get(parent) ?? []), unit]);
  }
  return map;
}

// The unit's own id and every id below it.
export function subtreeIds(units: Unit[], rootId: number): Set<number> {
  const children = childrenOf(units);
  const ids = new Set<number>();
  const walk = (id: number) => {
    ids.add(id);
    for (const child of children.get(id) ?? []) walk(child.id);
  };
  walk(rootId);
  return ids;
}

// Ids from the top down to (not including) the unit.
export function ancestorIds(units: Unit[], id: number): number[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const path: number[] = [];
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && !path.includes(parentId)) {
    path.unshift(parentId);
    parentId = byId.get(parentId)?.parentId ?? null;
  }
  return path;
}

// What this county calls each kind of unit (县直单位 …), as the system administrator set it.
export const UNIT_KINDS_KEY = ['unit-kinds'];
export function useUnitKindLabels(): Record<UnitKind, string> {
  const q = useQuery({ queryKey: UNIT_KINDS_KEY, queryFn: () => call(api.GET('/api/v1/unit-kinds')), staleTime: 300_000 });
  return { ...UNIT_KIND_LABELS, ...q.data?.labels };
}
