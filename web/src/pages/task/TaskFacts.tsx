import { Card, Col, Descriptions, Progress, Row, Space, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { DeadlineCountdown } from '../../components/TaskTags';
import { COLOUR_HEX, LEVEL_LABELS, OPEN_STATUSES, SOURCE_LABELS } from '../../labels';
import { cadenceText, daysBetween, type TaskDetail } from '../../tasks';
import { formatTime } from '../../time';

// ---- Header figures

export function Summary({ task: t, today }: { task: TaskDetail; today: string }) {
  const next = t.milestones.find((m) => !m.doneDate);
  const last = t.reports[0];
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <Row gutter={[24, 16]} className="task-summary">
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">完成进度</div>
          <Progress percent={t.percent} strokeColor={t.colour === 'red' ? COLOUR_HEX.red : undefined} status={t.status === 'closed' ? 'success' : 'normal'} />
          <div className="summary-note">{t.children.length ? `由 ${t.children.length} 个子事项平均得出` : '以最近一次进度反馈为准'}</div>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">完成时限</div>
          <div className="summary-value">{t.deadline}</div>
          <div className="summary-note">
            <DeadlineCountdown deadline={t.deadline} status={t.status} today={today} closedOn={t.closedOn} />
            {!OPEN_STATUSES.includes(t.status) && t.status !== 'closed' && `开始于 ${t.startDate}`}
          </div>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">下一关键节点</div>
          <div className="summary-value summary-ellipsis">{next ? next.name : t.milestones.length ? '全部完成' : '未设置'}</div>
          <div className="summary-note">
            {next ? (
              <>
                {next.dueDate}{' '}
                {next.dueDate < today ? (
                  <Typography.Text type="danger">已滞后 {daysBetween(next.dueDate, today)} 天</Typography.Text>
                ) : (
                  `还有 ${daysBetween(today, next.dueDate)} 天`
                )}
              </>
            ) : (
              `共 ${t.milestones.length} 个节点`
            )}
          </div>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <div className="summary-label">最近反馈</div>
          <div className="summary-value">{last ? formatTime(last.reportedAt).slice(0, 16) : '暂无'}</div>
          <div className="summary-note">{cadenceText(t.reportCadence)}</div>
        </Col>
      </Row>
    </Card>
  );
}

// ---- 三定

export function ThreeDefinitions({ task: t }: { task: TaskDetail }) {
  const basic: DescriptionsProps['items'] = [
    { key: 'source', label: '来源', children: SOURCE_LABELS[t.source] },
    { key: 'category', label: '类别', children: t.categoryName ?? '—' },
    { key: 'level', label: '等级', children: t.level === 'major' ? <Tag color="red">重大</Tag> : LEVEL_LABELS[t.level] },
    { key: 'tags', label: '标签', children: t.tags.length ? t.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—' },
    { key: 'description', label: '具体内容', span: 2, children: <Multiline text={t.description} /> },
  ];
  const owner: DescriptionsProps['items'] = [
    { key: 'leader', label: '责任领导', children: t.leadLeaderName ?? '—' },
    { key: 'unit', label: '牵头单位', children: t.leadUnitName },
    {
      key: 'person',
      label: '责任人',
      span: 2,
      children: t.responsibleName ? (
        <Space size="middle">
          <span>{t.responsibleName}</span>
          {t.responsiblePhone && <Typography.Text copyable={{ tooltips: ['复制电话', '已复制'] }}>{t.responsiblePhone}</Typography.Text>}
        </Space>
      ) : (
        '—'
      ),
    },
    {
      key: 'cooperators',
      label: '配合单位',
      span: 2,
      children: t.cooperators.length ? (
        <ul className="cooperator-list">
          {t.cooperators.map((c) => (
            <li key={c.unitId}>
              <Typography.Text strong>{c.unitName}</Typography.Text>
              {c.part && <span className="cooperator-part">分工：{c.part}</span>}
            </li>
          ))}
        </ul>
      ) : (
        '无'
      ),
    },
  ];
  const schedule: DescriptionsProps['items'] = [
    { key: 'start', label: '开始日期', children: t.startDate },
    { key: 'deadline', label: '完成时限', children: t.deadline },
    { key: 'cadence', label: '报送频次', children: cadenceText(t.reportCadence) },
    {
      key: 'milestones',
      label: '关键节点',
      children: t.milestones.length ? `${t.milestones.filter((m) => m.doneDate).length} / ${t.milestones.length} 已完成` : '未设置',
    },
  ];
  const quality: DescriptionsProps['items'] = [
    { key: 'standard', label: '工作标准', span: 2, children: <Multiline text={t.standard} /> },
    { key: 'evidence', label: '销号佐证', span: 2, children: t.evidenceRequired ? '申请销号时须提供佐证材料' : '不强制要求' },
  ];
  const desc = (title: string, items: DescriptionsProps['items']) => (
    <Descriptions title={title} bordered size="small" column={{ xs: 1, md: 2 }} items={items} styles={{ label: { width: 110 } }} style={{ marginBottom: 20 }} />
  );
  return (
    <Card title="事项内容与三定" variant="borderless" style={{ marginBottom: 16 }}>
      {desc('基本信息', basic)}
      {desc('定责任', owner)}
      {desc('定进度', schedule)}
      {desc('定质量', quality)}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={t.indicators}
        locale={{ emptyText: '未设置量化指标' }}
        columns={[
          { title: '量化指标', dataIndex: 'name' },
          { title: '目标值', key: 'target', width: 140, render: (_, i) => `${i.target} ${i.unitOfMeasure}` },
          {
            title: '实际完成',
            key: 'actual',
            width: 140,
            render: (_, i) => (i.actual === null ? <Typography.Text type="secondary">未填报</Typography.Text> : `${i.actual} ${i.unitOfMeasure}`),
          },
          {
            title: '完成率',
            key: 'rate',
            width: 180,
            render: (_, i) =>
              i.actual === null || i.target === 0 ? (
                '—'
              ) : (
                <Progress percent={Math.round((i.actual / i.target) * 100)} size="small" status={i.actual >= i.target ? 'success' : 'normal'} />
              ),
          },
        ]}
      />
    </Card>
  );
}

function Multiline({ text }: { text: string }) {
  return text ? <div className="multiline">{text}</div> : <Typography.Text type="secondary">未填写</Typography.Text>;
}
