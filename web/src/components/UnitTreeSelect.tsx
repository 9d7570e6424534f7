import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import type { Unit } from '../api';
import { childrenOf, subtreeIds, useUnits } from '../units';

interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

function toOptions(units: Unit[], hidden: Set<number>): TreeOption[] {
  const children = childrenOf(units.filter((u) => u.active && !hidden.has(u.id)));
  const build = (parentId: number | null): TreeOption[] => (children.get(parentId) ?? []).map((u) => ({ value: u.id, title: u.name, children: build(u.id) }));
  return build(null);
}

type Props = {
  // Set by Form.Item, so the field's label points at the control.
  id?: string;
  placeholder?: string;
  // Leave this unit and its subtree out, e.g. when choosing where to move it.
  excludeSubtreeOf?: number;
  // Offer only these units, e.g. a county leader's portfolio.
  onlyIds?: ReadonlySet<number>;
  style?: CSSProperties;
} & (
  | { multiple?: false; value?: number | null; onChange?: (value: number | null) => void }
  | { multiple: true; value?: number[]; onChange?: (value: number[]) => void }
);

// Pick one or several active units from the tree; works as a Form.Item control.
export function UnitTreeSelect(props: Props) {
  const { data: units = [], isPending } = useUnits();
  const { id, excludeSubtreeOf, onlyIds, placeholder = '请选择单位', style } = props;
  const treeData = useMemo(
    () => toOptions(onlyIds ? units.filter((u) => onlyIds.has(u.id)) : units, excludeSubtreeOf === undefined ? new Set() : subtreeIds(units, excludeSubtreeOf)),
    [units, excludeSubtreeOf, onlyIds],
  );
  const common = {
    id,
    treeData,
    loading: isPending,
    placeholder,
    style: { width: '100%', ...style },
    allowClear: true,
    showSearch: { treeNodeFilterProp: 'title' },
    listHeight: 360,
    notFoundContent: '没有匹配的单位',
  };
  if (props.multiple) {
    return <TreeSelect<number[]> {...common} multiple value={props.value} onChange={(v) => props.onChange?.(v ?? [])} />;
  }
  return <TreeSelect<number | null> {...common} value={props.value ?? undefined} onChange={(v) => props.onChange?.(v ?? null)} />;
}
