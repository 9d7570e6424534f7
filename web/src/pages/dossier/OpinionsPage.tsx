import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { GRADE_LABELS, REVIEW_GROUP_LABELS } from '@shared/labels';
import { api, apiUrl, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { hasRole, useCurrentUser, useServerNow } from '../../session';

const fetchOpinions = (year: number) => call(api.GET('/api/v1/opinions', { params: { query: { year } } }));
type Opinion = Awaited<ReturnType<typeof fetchOpinions>>['items'][number];
type Field = keyof Opinion['standing'];
const FIELDS: [Field, string][] = [
  ['band', '分档'],
  ['summary', '综合评价'],
  ['rewards', '奖励建议'],
  ['accountability', '问责建议'],
  ['appointment', '选任建议'],
];

// 年度考核意见 and the year's banding (分档排名): the assessment office drafts from the records, edits with reasons,
// issues (then frozen) and corrects; the export is what the organisation department and the pay system read.
export default function OpinionsPage() {
  const me = useCurrentUser();
  const manager = hasRole(me, 'assessment');
  const thisYear = useServerNow().year();
  const [year, setYear] = useState(thisYear);
  return (
    <>
      <PageHeader
        title="年度考核意见"
        section="考核评价"
        subTitle="依据履责档案和分档排名起草奖励、问责和选任建议；印发后冻结，更正另行记录"
        extra={
          <Space>
            <Select
              style={{ width: 120 }}
              value={year}
              onChange={setYear}
              options={[0, 1, 2].map((n) => ({ value: thisYear - n, label: `${thisYear - n}年` }))}
            />
            <Button href={apiUrl('/api/v1/opinions/export.xlsx', {}, { year })} download>
              导出 Excel
            </Button>
          </Space>
        }
      />
      <Tabs
        items={[
          { key: 'opinions', label: '考核意见', children: <OpinionList year={year} manager={manager} /> },
          { key: 'bands', label: '分档排名', children: <BandList key={year} year={year} /> },
        ]}
      />
    </>
  );
}

function OpinionList({ year, manager }: { year: number; manager: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ['opinions', year], queryFn: () => fetchOpinions(year) });
  const [editing, setEditing] = useState<{ opinion: Opinion; correction: boolean } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['opinions'] });
  const items = data.data?.items ?? [];
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        {manager && (
          <Button
            type="primary"
            onClick={async () => {
              const r = await call(api.POST('/api/v1/opinions/draft', { body: { year } }));
              void message.success(`已起草 ${r.drafted} 份，保留已有 ${r.kept} 份`);
              await refresh();
            }}
          >
            起草{year}年度考核意见
          </Button>
        )}
        <Tag>共 {items.length} 份</Tag>
        <Tag color="green">已印发 {items.filter((o) => o.status === 'issued').length} 份</Tag>
      </Space>
      <Table<Opinion>
        rowKey="id"
        size="small"
        loading={data.isFetching}
        pagination={false}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本年度尚未起草考核意见' }}
        columns={[
          { title: '类别', render: (_, o) => (o.subject === 'unit' ? '单位' : '干部'), width: 60 },
          {
            title: '名称',
            render: (_, o) => (o.subject === 'person' ? <Link to={`/dossier/people/${o.subjectId}`}>{o.subjectName}</Link> : o.subjectName),
          },
          { title: '单位职务或分组', dataIndex: 'context' },
          { title: '排名', render: (_, o) => o.rank ?? '—', width: 60 },
          { title: '分档', render: (_, o) => <Tag color={o.rank === null ? undefined : 'blue'}>{o.standing.band}</Tag> },
          ...FIELDS.slice(1).map(([f, label]) => ({
            title: label,
            width: f === 'summary' ? 320 : 200,
            render: (_: unknown, o: Opinion) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{o.standing[f]}</Typography.Paragraph>,
          })),
          {
            title: '状态',
            render: (_, o) => (
              <Space direction="vertical" size={0}>
                {o.status === 'issued' ? <Tag color="green">已印发</Tag> : <Tag>草稿</Tag>}
                {o.changes.some((c) => c.kind === 'correction') && <Tag color="orange">有更正</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            fixed: 'right',
            render: (_, o) => (
              <Space size={4} wrap>
                {manager && o.status === 'draft' && (
                  <Button size="small" onClick={() => setEditing({ opinion: o, correction: false })}>
                    修改
                  </Button>
                )}
                {manager && o.status === 'draft' && (
                  <Popconfirm
                    title="印发后不能再修改，确认印发？"
                    okText="印发"
                    onConfirm={async () => {
                      await call(api.POST('/api/v1/opinions/{id}/issue', { params: { path: { id: o.id } }, body: { version: o.version } }));
                      // Closes once issued; the year's list reloads behind it.
                      void refresh();
                    }}
                  >
                    <Button size="small" type="primary">
                      印发
                    </Button>
                  </Popconfirm>
                )}
                {manager && o.status === 'issued' && (
                  <Button size="small" onClick={() => setEditing({ opinion: o, correction: true })}>
                    更正
                  </Button>
                )}
                <Button size="small" type="link" href={apiUrl('/api/v1/opinions/{id}/opinion.docx', { id: o.id })} download>
                  Word
                </Button>
              </Space>
            ),
          },
        ]}
        expandable={{
          rowExpandable: (o) => o.changes.length > 0,
          expandedRowRender: (o) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={o.changes}
              columns={[
                { title: '', render: (_, c) => (c.kind === 'edit' ? '修改' : <Tag color="orange">更正</Tag>) },
                { title: '项目', render: (_, c) => FIELDS.find(([f]) => f === c.field)![1] },
                { title: '原内容', dataIndex: 'before' },
                { title: '改为', dataIndex: 'after' },
                { title: '理由', dataIndex: 'reason' },
                { title: '经办', render: (_, c) => `${c.changedByName} ${c.changedAt.slice(0, 10)}` },
              ]}
            />
          ),
        }}
      />
      {editing && <EditModal {...editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </Card>
  );
}

function EditModal({ opinion, correction, onClose, onSaved }: { opinion: Opinion; correction: boolean; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const [field, setField] = useState<Field>('rewards');
  return (
    <FormModal<Record<Field, string> & { reason: string }>
      title={`${correction ? '更正' : '修改'}：${opinion.subjectName}${opinion.year}年度考核意见`}
      okText={correction ? '登记更正' : '保存修改'}
      width={720}
      initialValues={{ ...opinion.standing, reason: '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        if (correction)
          await call(
            api.POST('/api/v1/opinions/{id}/corrections', { params: { path: { id: opinion.id } }, body: { field, text: v[field], reason: v.reason } }),
          );
        else
          await call(
            api.PATCH('/api/v1/opinions/{id}', {
              params: { path: { id: opinion.id } },
              body: { changes: Object.fromEntries(FIELDS.map(([f]) => [f, v[f]])), reason: v.reason, version: opinion.version },
            }),
          );
        await onSaved();
      }}
    >
      {correction && (
        <Form.Item label="更正项目">
          <Select value={field} onChange={setField} options={FIELDS.map(([f, label]) => ({ value: f, label }))} />
        </Form.Item>
      )}
      {FIELDS.filter(([f]) => !correction || f === field).map(([f, label]) => (
        <Form.Item key={f} name={f} label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
          <Input.TextArea autoSize={{ minRows: f === 'band' ? 1 : 2 }} maxLength={2000} />
        </Form.Item>
      ))}
      <Form.Item name="reason" label={correction ? '更正理由' : '修改理由'} rules={[{ required: true, whitespace: true, message: '请写明理由' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

const BAND_PAGE = 50;

function BandList({ year }: { year: number }) {
  const [unitPage, setUnitPage] = useState(1);
  const [personPage, setPersonPage] = useState(1);
  const data = useQuery({
    queryKey: ['dossier', 'bands', year, unitPage, personPage],
    queryFn: () => call(api.GET('/api/v1/dossier/bands', { params: { query: { year, unitPage, personPage, pageSize: BAND_PAGE } } })),
    placeholderData: keepPreviousData,
  });
  const b = data.data;
  const bandTag = (i: number | null) =>
    i === null || !b ? <Tag>尚无可比成绩</Tag> : <Tag color={['green', 'blue', 'orange', 'red', 'purple', 'default'][i]}>{b.rule.bands[i]!.name}</Tag>;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {b && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          分档规则：{b.rule.bands.map((x) => `${x.name}不超过 ${x.share}%`).join('，')}（末档取其余；同分不拆开，跨档时一同下移）
          {b.rule.flaggedOutOfTop && '；年度考核末位单位、一年内两次被约谈的干部不进第一档'}。干部综合得分 = 任务按期率 × {b.rule.person.taskWeight}% +
          季度等次折合分 × {b.rule.person.gradeWeight}%（只计已有部分）+ 干部之星每次 {b.rule.person.starBonus} 分 − 约谈每次 {b.rule.person.interviewPenalty}{' '}
          分；一线工作日和记实数量不计分。 全部同分或尚无得分的组不分档（尚无可比成绩）。
          {b.assessmentStatus === 'draft' && '单位分档依据的年度考核尚未公布，为预排。'}
        </Typography.Paragraph>
      )}
      <Card title="单位" size="small">
        <Table
          rowKey="unitId"
          size="small"
          loading={data.isFetching}
          pagination={{ current: unitPage, pageSize: BAND_PAGE, total: b?.unitTotal ?? 0, onChange: setUnitPage, showTotal: (t) => `共 ${t} 个单位` }}
          dataSource={b?.units ?? []}
          columns={[
            { title: '分组', render: (_, u) => REVIEW_GROUP_LABELS[u.group] },
            { title: '排名', render: (_, u) => u.rank ?? '—' },
            { title: '单位', dataIndex: 'name' },
            { title: '年度考核得分', render: (_, u) => (u.total === null ? '尚无得分' : u.total.toFixed(2)) },
            { title: '等次', render: (_, u) => (u.total === null ? '—' : GRADE_LABELS[u.grade]) },
            { title: '分档', render: (_, u) => bandTag(u.band) },
            { title: '', render: (_, u) => u.flagged && <Tag color="red">末位</Tag> },
          ]}
        />
      </Card>
      <Card title="干部" size="small">
        <Table
          rowKey="id"
          size="small"
          loading={data.isFetching}
          pagination={{ current: personPage, pageSize: BAND_PAGE, total: b?.personTotal ?? 0, onChange: setPersonPage, showTotal: (t) => `共 ${t} 人` }}
          dataSource={b?.persons ?? []}
          columns={[
            { title: '排名', render: (_, p) => p.rank ?? '—' },
            { title: '姓名', render: (_, p) => <Link to={`/dossier/people/${p.id}`}>{p.name}</Link> },
            { title: '单位', render: (_, p) => p.unitName ?? '县领导' },
            { title: '按期 / 逾期 / 在办', render: (_, p) => `${p.tasks.onTime} / ${p.tasks.late} / ${p.tasks.open}` },
            { title: '季度等次', render: (_, p) => (p.grades.length ? `${p.grades.length} 个季度` : '无') },
            { title: '之星', dataIndex: 'stars' },
            {
              title: '约谈',
              render: (_, p) => (
                <>
                  {p.interviews}
                  {p.twoInterviews && <Tag color="red">两次约谈</Tag>}
                </>
              ),
            },
            { title: '综合得分', render: (_, p) => (p.score === null ? '—' : p.score.toFixed(2)) },
            { title: '分档', render: (_, p) => bandTag(p.band) },
          ]}
        />
      </Card>
    </Space>
  );
}
