import type { UnitKind } from './schema.js';

import { UNIT_KIND_LABELS } from '../../shared/labels.js';

export { UNIT_KIND_LABELS };

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

// Returns a Chinese reason when the unit may not sit under the proposed parent, else null.
export function placementProblem(
  unit: { id: number; kind: UnitKind; path: string | null },
  parent: { id: number; kind: UnitKind; path: string; active: boolean } | null,
): string | null {
  if (unit.kind === 'village' && parent?.kind !== 'town') return '村居必须隶属于乡镇街道';
  if (!parent) return null;
  if (!parent.active) return '上级单位已停用';
  if (parent.kind === 'village') return '村居下不能再设下级单位';
  if (unit.path && parent.path.startsWith(unit.path)) return '不能把单位移动到它自己或它的下级单位之下';
  return null;
}

// The names a county gives its kinds of unit: each 2–12 characters, no two alike. Problems in Chinese, none when fine.
export function kindLabelProblems(labels: Record<UnitKind, string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, UnitKind>();
  for (const [kind, raw] of Object.entries(labels) as [UnitKind, string][]) {
    const label = raw.trim();
    if (label.length < 2 || label.length > 12) problems.push(`“${UNIT_KIND_LABELS[kind]}”的名称须为 2–12 个字`);
    else if (seen.has(label)) problems.push(`名称“${label}”重复`);
    seen.set(label, kind);
  }
  return problems;
}
