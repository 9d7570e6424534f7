import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CADRE_GRADE_LABELS, INTERVIEW_LEVEL_LABELS, INTERVIEW_STATUS_LABELS, SHEET_KIND_LABELS } from '@shared/labels';
import { api, apiUrl, call } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { useServerNow } from '../../session';
import { GradeTag, quarterLabel } from '../records/records';

const STATES = {
  on_time: ['按期办结', 'green'],
  late: ['逾期办结', 'orange'],
  open_late: ['逾期未办结', 'red'],
  open: ['在办', 'blue'],
} as const;

// 履责档案: one person's year — tasks owned, sheets, stars and highlight work, interviews, frontline days, grades.
export default function CadreRecordPage() {
  const { id } = useParams();
  const personId = id ? Number(id) : null;
  const thisYear = useServerNow().year();
  const [year, setYear] = useState(thisYear);
  const data = useQuery({
    queryKey: ['dossier', 'person', personId ?? 'mine', year],
    queryFn: () =>
      personId
        ? call(api.GET('/api/v1/dossier/people/{id}', { params: { path: { id: personId }, query: { year } } }))
        : call(api.GET('/api/v1/dossier/mine', { params: { query: { year } } })),
  });
  const r = data.data;
  const c = r?.counts;
  return (
    <>
      <PageHeader
        title={r ? `${r.person.name} ${year}年度履责档案` : '履责档案'}
        section="干部记实"
        subTitle={r ? [r.person.unitName ?? '县领导', r.person.title].filter(Boolean).join(' ') : undefined}
        extra={
          <Space>
            <Select
              style={{ width: 120 }}
              value={year}
              onChange={setYear}
              options={[0, 1, 2].map((n) => ({ value: thisYear - n, label: `${thisYear - n}年` }))}
            />
            {r && (
              <Button type="primary" href={apiUrl('/api/v1/dossier/people/{id}/record.docx', { id: r.person.id }, { year })} download>
                打印档案（Word）
              </Button>
            )}
          </Space>
        }
      />
      {data.error && <Alert type="error" showIcon message={data.error instanceof Error ? data.error.message : '读取失败'} />}
      {r && c && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered>
              <Descriptions.Item label="负责任务">{r.tasks.length} 项</Descriptions.Item>
              <Descriptions.Item label="按期办结">{c.onTime} 项</Descriptions.Item>
              <Descriptions.Item label="逾期">{c.late} 项</Descriptions.Item>
              <Descriptions.Item label="在办">{c.open} 项</Descriptions.Item>
              <Descriptions.Item label="收到督办单据">{c.sheets} 份</Descriptions.Item>
              <Descriptions.Item label="约谈">{c.interviews} 次</Descriptions.Item>
              <Descriptions.Item label="干部之星">{r.stars.length} 次</Descriptions.Item>
              <Descriptions.Item label="一线工作日">{c.frontlineDays} 天</Descriptions.Item>
              <Descriptions.Item label="季度等次" span={2}>
                {r.quarters.length
                  ? r.quarters.map((q) => (
                      <span key={q.quarter} style={{ marginRight: 8 }}>
                        {quarterLabel(q.quarter)} <GradeTag grade={q.grade} />
                        {!q.confirmed && <Typography.Text type="secondary">（月度建议，未审定）</Typography.Text>}
                      </span>
                    ))
                  : '无'}
              </Descriptions.Item>
              {r.band && (
                <Descriptions.Item label="分档排名" span={2}>
                  {r.band.rank === null ? '尚无可比成绩' : `第 ${r.band.rank} 名（共 ${r.band.ranked} 人）`}{' '}
                  {r.band.band && <Tag color="blue">{r.band.band}</Tag>}
                  {r.band.score !== null && <Typography.Text type="secondary">综合得分 {r.band.score.toFixed(2)}</Typography.Text>}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              一线工作日只作记实展示，不计入任何得分和分档。
            </Typography.Paragraph>
          </Card>
          <Card title="负责任务" size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.tasks}
              locale={{ emptyText: '本年没有到期的负责任务' }}
              columns={[
                { title: '任务', render: (_, t) => <Link to={`/tasks/${t.id}`}>{t.title}</Link> },
                { title: '牵头单位', dataIndex: 'leadUnitName' },
                { title: '身份', render: (_, t) => (t.as === 'responsible' ? '责任人' : '牵头领导') },
                { title: '期限', dataIndex: 'deadline' },
                { title: '销号', render: (_, t) => t.closedOn ?? '—' },
                { title: '状态', render: (_, t) => <Tag color={STATES[t.state][1]}>{STATES[t.state][0]}</Tag> },
              ]}
            />
          </Card>
          <Card title="收到的督办单据" size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.sheets}
              locale={{ emptyText: '无' }}
              columns={[
                { title: '编号', dataIndex: 'number' },
                { title: '种类', render: (_, s) => SHEET_KIND_LABELS[s.kind] },
                { title: '任务', render: (_, s) => <Link to={`/tasks/${s.taskId}`}>{s.taskTitle}</Link> },
                { title: '下发日期', render: (_, s) => s.issuedAt.slice(0, 10) },
              ]}
            />
          </Card>
          <Card title="干部之星和单位亮点工作" size="small">
            <Table
              rowKey={(h) => `${h.kind}-${h.period}-${h.text}`}
              size="small"
              pagination={false}
              dataSource={[
                ...r.stars.map((s) => ({ kind: '干部之星', period: s.period, text: s.citation })),
                ...r.highlights.map((h) => ({ kind: '单位亮点工作', period: h.period, text: h.title })),
              ]}
              locale={{ emptyText: '无' }}
              columns={[
                { title: '期次', dataIndex: 'period' },
                { title: '类别', dataIndex: 'kind' },
                { title: '内容', dataIndex: 'text' },
              ]}
            />
          </Card>
          <Card title="约谈" size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.interviews}
              locale={{ emptyText: '无' }}
              columns={[
                { title: '层级', render: (_, i) => INTERVIEW_LEVEL_LABELS[i.level] },
                { title: '状态', render: (_, i) => INTERVIEW_STATUS_LABELS[i.status] },
                { title: '约谈日', render: (_, i) => i.heldOn ?? '—' },
                { title: '事由', dataIndex: 'reason' },
              ]}
            />
          </Card>
          <Card title="月度考核（单位负责人）" size="small">
            <Table
              rowKey="month"
              size="small"
              pagination={false}
              dataSource={r.assessments}
              locale={{ emptyText: '无' }}
              columns={[
                { title: '月份', dataIndex: 'month' },
                { title: '等次', render: (_, a) => <GradeTag grade={a.grade} /> },
                { title: '评语', dataIndex: 'comment' },
                { title: '考核人', dataIndex: 'assessedByName' },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              等次：{Object.values(CADRE_GRADE_LABELS).join('、')}。季度等次以考核委员会审定为准，未审定的取该季度月度建议。
            </Typography.Paragraph>
          </Card>
        </Space>
      )}
    </>
  );
}
