import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { BONUS_KIND_LABELS, BONUS_KINDS, type BonusKind, REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { PublishButton as PublishPeriod } from '../../components/PublishButton';
import { hasRole, useCurrentUser } from '../../session';
import { useServerToday } from '../../tasks';
import { formatTime } from '../../time';

type Quarter = Schemas['QuarterAssessment'];
type Row = Schemas['QuarterScore'];
type Item = Schemas['AssessmentScoreItem'];

const points = (v: number) => (v > 0 ? `+${v}` : String(v));
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
// The last eight quarters up to the one before today's (the one normally being assessed), newest first.
function recentQuarters(today: string): string[] {
  const out: string[] = [];
  let d = dayjs(today).startOf('month');
  for (let i = 0; i < 9; i++) {
    out.push(quarterOf(d.format('YYYY-MM-DD')));
    d = d.subtract(3, 'month');
  }
  return out;
}
const monthsOf = (q: string) => [1, 2, 3].map((i) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + i).padStart(2, '0')}`);

export default function QuarterPage() {
  const today = useServerToday();
  const me = useCurrentUser();
  const manager = hasRole(me, 'office') || hasRole(me, 'assessment');
  const [params, setParams] = useSearchParams();
  const choices = recentQuarters(today);
  const quarter = /^\d{4}-Q[1-4]$/.test(params.get('quarter') ?? '') ? params.get('quarter')! : choices[1]!;
  const q = useQuery({
    queryKey: ['assessments', 'quarters', quarter],
    queryFn: () => call(api.GET('/api/v1/assessments/quarters/{quarter}', { params: { path: { quarter } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['assessments'] });
  const data = q.data;
  const editable = manager && data?.status === 'draft';
  const [open, setOpen] = useState<Row | null>(null);

  return (
    <>
      <PageHeader
        title="季度考核"
        section="考核评价"
        subTitle="三个月月点评得分与季度加分（上级领导肯定性批示、表彰、典型发言）之和，乡镇（街道）和县直单位分组排名，前若干名给予奖励；发布后冻结"
        tags={
          data &&
          (data.status === 'published' ? (
            <Tag color="green">已发布 {data.publishedAt ? formatTime(data.publishedAt) : ''}</Tag>
          ) : (
            <Tag color="orange">未发布（实时计算）</Tag>
          ))
        }
        extra={
          <Space>
            <Select
              style={{ width: 140 }}
              value={quarter}
              onChange={(v) => setParams({ quarter: v })}
              options={[...new Set([quarter, ...choices])]
                .sort()
                .reverse()
                .map((c) => ({ value: c, label: `${c.slice(0, 4)}年第${c.slice(6)}季度` }))}
              aria-label="季度"
            />
            {editable && <PublishButton quarter={data} onDone={refresh} />}
          </Space>
        }
      />
      {q.isError && <Alert type="warning" showIcon message={(q.error as Error).message} style={{ marginBottom: 16 }} />}
      {editable && data.blocker && <Alert type="info" showIcon message={`暂不能发布：${data.blocker}`} style={{ marginBottom: 16 }} />}
      {data && (
        <Tabs
          items={[
            { key: 'ranking', label: '得分排名', children: <Ranking quarter={data} onOpen={setOpen} /> },
            ...(manager ? [{ key: 'bonus', label: '季度加分事项', children: <Bonus quarter={data} editable={editable} onDone={refresh} /> }] : []),
          ]}
        />
      )}
      <ItemsDrawer row={open} onClose={() => setOpen(null)} />
    </>
  );
}

function Ranking({ quarter, onOpen }: { quarter: Quarter; onOpen: (r: Row) => void }) {
  const months = monthsOf(quarter.quarter);
  const monthPoints = (r: Row, m: string) => r.items.find((i) => i.kind === 'month' && i.period === m)?.points ?? 0;
  const bonus = (r: Row) => r.items.filter((i) => i.kind === 'bonus').reduce((s, i) => s + Math.round(i.points * 100), 0) / 100;
  const columns: TableColumnsType<Row> = [
    { title: '名次', dataIndex: 'rank', width: 70, align: 'center' },
    { title: '单位', dataIndex: 'unitName' },
    ...months.map((m) => ({ title: `${Number(m.slice(5))}月`, key: m, align: 'right' as const, render: (_: unknown, r: Row) => monthPoints(r, m).toFixed(2) })),
    { title: '季度加分', key: 'bonus', align: 'right', render: (_, r) => (bonus(r) ? points(bonus(r)) : '—') },
    {
      title: '综合得分',
      dataIndex: 'score',
      align: 'right',
      render: (v: number, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r)} data-testid={`quarter-score-${r.unitId}`}>
          {v.toFixed(2)}
        </Button>
      ),
    },
    { title: '奖励', dataIndex: 'reward', align: 'center', render: (v: boolean) => (v ? <Tag color="gold">奖励</Tag> : null) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {REVIEW_GROUPS.map((g) => (
        <Card
          key={g}
          title={REVIEW_GROUP_LABELS[g]}
          size="small"
          extra={
            <Typography.Text type="secondary">前 {g === 'town' ? quarter.settings.rewardTowns : quarter.settings.rewardCounty} 名给予奖励</Typography.Text>
          }
        >
          <Table<Row>
            rowKey="unitId"
            size="small"
            columns={columns}
            dataSource={quarter.rows.filter((r) => r.group === g)}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ))}
      <Typography.Text type="secondary">
        排名规则同月点评：得分高者在前；得分相同名次相同，下一名次顺延（如 1、1、3），同分单位按名称排列；奖励名额按排列顺序计。点击综合得分查看构成。
      </Typography.Text>
    </Space>
  );
}

export function ItemsDrawer({ row, onClose }: { row: { unitName: string; score: number; items: Item[] } | null; onClose: () => void }) {
  return (
    <Drawer open={row !== null} onClose={onClose} size={640} title={row ? `${row.unitName} · 综合得分 ${row.score.toFixed(2)}` : ''}>
      {row && (
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={row.items}
          columns={[
            { title: '类别', key: 'kind', width: 150, render: (_, i) => (i.kind === 'month' ? '月点评得分' : BONUS_KIND_LABELS[i.bonusKind!]) },
            { title: '说明', dataIndex: 'label' },
            { title: '日期', dataIndex: 'date', width: 100, render: (d: string | null) => d ?? '' },
            { title: '分值', dataIndex: 'points', align: 'right', width: 80, render: points },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>合计（各项之和即得分）</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Typography.Text strong>{row.score.toFixed(2)}</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </Drawer>
  );
}

function PublishButton({ quarter, onDone }: { quarter: Quarter; onDone: () => Promise<void> }) {
  return (
    <PublishPeriod
      title={`发布 ${quarter.quarter} 季度考核？`}
      description="发布后得分、名次和奖励名单将冻结，不能再修改。"
      label="发布季度考核"
      blocked={quarter.blocker !== null}
      publish={() => call(api.POST('/api/v1/assessments/quarters/{quarter}/publish', { params: { path: { quarter: quarter.quarter } } }))}
      onDone={onDone}
    />
  );
}

function Bonus({ quarter, editable, onDone }: { quarter: Quarter; editable: boolean; onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ unitId: number; kind: BonusKind; day: dayjs.Dayjs; reason: string; evidence: string }>();
  const names = new Map(quarter.rows.map((r) => [r.unitId, r.unitName]));
  const months = monthsOf(quarter.quarter);
  const run = async (pending: Promise<unknown>, text: string) => {
    try {
      await pending;
      void message.success(text);
      await onDone();
      return true;
    } catch (e) {
      void message.error((e as Error).message);
      return false;
    }
  };
  if (quarter.status === 'published') return <Typography.Text type="secondary">该季度已发布，加分事项已计入综合得分（点击得分查看构成）。</Typography.Text>;
  return (
    <>
      {editable && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          录入加分事项
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={quarter.bonus}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '单位', dataIndex: 'unitId', render: (id: number) => names.get(id) },
          { title: '类别', dataIndex: 'kind', render: (k: BonusKind) => BONUS_KIND_LABELS[k] },
          { title: '分值', key: 'points', align: 'right', render: (_, b) => points(quarter.settings.bonusPoints[b.kind]) },
          { title: '事由', dataIndex: 'reason' },
          { title: '依据', dataIndex: 'evidence' },
          {
            title: '',
            render: (_, b) =>
              editable && (
                <Popconfirm
                  title="撤回这条加分事项？"
                  onConfirm={() =>
                    void run(
                      call(
                        api.POST('/api/v1/assessments/quarters/{quarter}/bonus-items/{id}/withdraw', {
                          params: { path: { quarter: quarter.quarter, id: b.id } },
                        }),
                      ),
                      '已撤回',
                    )
                  }
                >
                  <Button size="small" danger>
                    撤回
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title="录入季度加分事项"
        okText="保存"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            const body = { ...v, day: v.day.format('YYYY-MM-DD') };
            if (
              await run(
                call(api.POST('/api/v1/assessments/quarters/{quarter}/bonus-items', { params: { path: { quarter: quarter.quarter } }, body })),
                '已录入加分事项',
              )
            ) {
              setOpen(false);
              form.resetFields();
            }
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch optionFilterProp="label" options={quarter.rows.map((r) => ({ value: r.unitId, label: r.unitName }))} />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={BONUS_KINDS.map((k) => ({ value: k, label: `${BONUS_KIND_LABELS[k]}（+${quarter.settings.bonusPoints[k]} 分）` }))} />
          </Form.Item>
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => !months.includes(d.format('YYYY-MM'))} defaultPickerValue={dayjs(`${months[0]}-01`)} />
          </Form.Item>
          <Form.Item name="reason" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="evidence" label="依据（批示件、表彰文件或会议记录）" rules={[{ required: true, message: '请填写依据' }]}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
