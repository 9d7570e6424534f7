import { Tag } from 'antd';
import { SHEET_KIND_COLORS } from '../chasing';
import { SHEET_KIND_LABELS, type SheetKind } from '../labels';

// A sheet's kind as a tag coloured by severity: 催办单 gold … 移交问责 magenta.
export function SheetKindTag({ kind }: { kind: string }) {
  return (
    <Tag color={SHEET_KIND_COLORS[kind as SheetKind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {SHEET_KIND_LABELS[kind as SheetKind] ?? kind}
    </Tag>
  );
}
