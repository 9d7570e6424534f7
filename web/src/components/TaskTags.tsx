import { Tag, Tooltip, Typography } from 'antd';
import { COLOUR_HEX, COLOUR_LABELS, COLOUR_MEANINGS, OPEN_STATUSES, STATUS_COLORS, STATUS_LABELS, type StatusColour, type TaskStatus } from '../labels';
import { countdown } from '../tasks';

// The status light (亮灯): a coloured dot with its name, explained on hover.
export function ColourLight({ colour, compact = false }: { colour: StatusColour; compact?: boolean }) {
  return (
    <Tooltip title={COLOUR_MEANINGS[colour]}>
      <span className={`colour-light colour-${colour}`} data-colour={colour}>
        <span className="colour-dot" style={{ background: COLOUR_HEX[colour] }} />
        {!compact && COLOUR_LABELS[colour]}
      </span>
    </Tooltip>
  );
}

// The light as a solid tag, for page headers.
export function ColourTag({ colour }: { colour: StatusColour }) {
  return (
    <Tooltip title={COLOUR_MEANINGS[colour]}>
      <Tag color={COLOUR_HEX[colour]} variant="solid" style={{ marginInlineEnd: 0 }} data-colour={colour}>
        {COLOUR_LABELS[colour]}
      </Tag>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: TaskStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {STATUS_LABELS[status]}
    </Tag>
  );
}

export function MissingReportTag() {
  return (
    <Tooltip title="已过报送日仍未反馈进度">
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        缺报
      </Tag>
    </Tooltip>
  );
}

// 逾期销号: closed, but the closing request was filed after the deadline.
// A task carried into the ledger's month from an earlier one (挂单), e.g. `from` 2026-04.
export function CarriedTag({ from }: { from: string }) {
  return (
    <Tooltip title={`${Number(from.slice(0, 4))}年${Number(from.slice(5, 7))}月未完成，挂单转入本月`}>
      <Tag color="purple" style={{ marginInlineEnd: 0 }}>
        挂单
      </Tag>
    </Tooltip>
  );
}

export function ClosedLateTag() {
  return (
    <Tooltip title="销号申请提交晚于完成时限">
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        逾期销号
      </Tag>
    </Tooltip>
  );
}

// 剩余 N 天 / 今天到期 / 超期 N 天, counted from the server's day; only for tasks still being chased.
export function DeadlineCountdown({ deadline, status, today, closedOn }: { deadline: string; status: TaskStatus; today: string; closedOn?: string | null }) {
  if (status === 'closed') return <Typography.Text type="success">{closedOn ? `${closedOn} 销号` : '已销号'}</Typography.Text>;
  if (!OPEN_STATUSES.includes(status)) return null;
  const c = countdown(deadline, today);
  if (c.kind === 'overdue')
    return (
      <Typography.Text type="danger" strong>
        {c.text}
      </Typography.Text>
    );
  if (c.kind === 'today' || c.days <= 3) return <Typography.Text type="warning">{c.text}</Typography.Text>;
  return <Typography.Text type="secondary">{c.text}</Typography.Text>;
}
