import { ApartmentOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Space, Steps, Table, Tag, Typography, type StepsProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import { TaskFiles } from '../../components/TaskFiles';
import { DeadlineCountdown, StatusTag } from '../../components/TaskTags';
import { type TaskStatus } from '../../labels';
import { daysBetween, type TaskDetail, type TaskEvent, type TaskReport } from '../../tasks';
import { formatTime } from '../../time';

// ---- 关键节点

export function MilestoneCard({ task: t, today }: { task: TaskDetail; today: string }) {
  if (t.milestones.length === 0) return null;
  const firstOpen = t.milestones.findIndex((m) => !m.doneDate);
  const items: StepsProps['items'] = t.milestones.map((m, i) => {
    const late = !m.doneDate && m.dueDate < today;
    return {
      title: m.name,
      status: m.doneDate ? 'finish' : late ? 'error' : i === firstOpen ? 'process' : 'wait',
      content: (
        <div className="milestone-content">
          <div>计划 {m.dueDate}</div>
          {m.doneDate ? (
            <Typography.Text type="success">
              {m.doneDate} 完成{m.evidence ? `：${m.evidence}` : ''}
            </Typography.Text>
          ) : late ? (
            <Typography.Text type="danger">已滞后 {daysBetween(m.dueDate, today)} 天</Typography.Text>
          ) : (
            <Typography.Text type="secondary">未完成</Typography.Text>
          )}
        </div>
      ),
    };
  });
  return (
    <Card title="关键节点" variant="borderless" style={{ marginBottom: 16 }}>
      <Steps size="small" orientation={t.milestones.length > 4 ? 'vertical' : 'horizontal'} items={items} />
    </Card>
  );
}

// ---- 进度反馈

export function ReportsCard({ task: t, events }: { task: TaskDetail; events: TaskEvent[] }) {
  // The report row carries the account id; the matching history entry carries the name.
  const reporter = (r: TaskReport) => events.find((e) => e.kind === 'report' && e.actorId === r.reportedBy && e.at === r.reportedAt)?.actorName;
  const milestoneName = (id: number) => t.milestones.find((m) => m.id === id)?.name ?? `节点 #${id}`;
  const indicator = (id: number) => t.indicators.find((i) => i.id === id);
  return (
    <Card title={`进度反馈（${t.reports.length}）`} variant="borderless" style={{ marginBottom: 16 }}>
      {t.reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.canReport ? '还没有进度反馈，请点击右上角“反馈进度”' : '还没有进度反馈'} />
      ) : (
        <div className="report-list">
          {t.reports.map((r) => (
            <div key={r.id} className="report-item">
              <div className="report-head">
                <Space size="middle" wrap>
                  <Typography.Text strong>{formatTime(r.reportedAt).slice(0, 16)}</Typography.Text>
                  <span>{reporter(r) ?? '牵头单位'}</span>
                  {r.percent !== null && <Tag color="blue">完成 {r.percent}%</Tag>}
                </Space>
              </div>
              <div className="multiline">{r.text}</div>
              {r.problems && <ReportLine label="存在问题" text={r.problems} />}
              {r.coordination && <ReportLine label="需协调事项" text={r.coordination} />}
              {r.milestonesDone.length > 0 && (
                <ReportLine
                  label="节点完成"
                  text={r.milestonesDone.map((m) => `${milestoneName(m.milestoneId)}（${m.doneDate}${m.evidence ? `，${m.evidence}` : ''}）`).join('；')}
                />
              )}
              {r.indicatorActuals.length > 0 && (
                <ReportLine
                  label="指标完成"
                  text={r.indicatorActuals
                    .map((a) => {
                      const i = indicator(a.indicatorId);
                      return i ? `${i.name} ${a.actual}${i.unitOfMeasure}（目标 ${i.target}${i.unitOfMeasure}）` : `${a.actual}`;
                    })
                    .join('；')}
                />
              )}
              {r.attachments.length > 0 && <TaskFiles taskId={t.id} files={r.attachments} />}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

function ReportLine({ label, text }: { label: string; text: string }) {
  return (
    <div className="report-line">
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <span className="multiline">{text}</span>
    </div>
  );
}

// ---- 子事项

export function ChildrenCard({ task: t, today }: { task: TaskDetail; today: string }) {
  const navigate = useNavigate();
  if (t.children.length === 0 && !t.canDecompose) return null;
  return (
    <Card
      title={`子事项（${t.children.length}）`}
      variant="borderless"
      style={{ marginBottom: 16 }}
      extra={
        t.canDecompose && (
          <Button size="small" icon={<ApartmentOutlined />} onClick={() => navigate(`/tasks/${t.id}/decompose`)}>
            分解
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={t.children}
        locale={{ emptyText: '尚未分解子事项' }}
        columns={[
          { title: '子事项', dataIndex: 'title', render: (title: string, c) => <Link to={`/tasks/${c.id}`}>{title}</Link> },
          { title: '牵头单位', dataIndex: 'leadUnitName', width: 140 },
          {
            title: '完成时限',
            dataIndex: 'deadline',
            width: 130,
            render: (d: string, c) => (
              <div>
                <div>{d}</div>
                <DeadlineCountdown deadline={d} status={c.status} today={today} />
              </div>
            ),
          },
          { title: '进度', dataIndex: 'percent', width: 150, render: (p: number, c) => <Progress percent={c.status === 'closed' ? 100 : p} size="small" /> },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: TaskStatus) => <StatusTag status={s} /> },
        ]}
      />
    </Card>
  );
}
