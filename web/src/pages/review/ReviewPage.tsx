import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Rate,
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
import { Link, useSearchParams } from 'react-router';
import { MANUAL_FACT_KINDS, REVIEW_GROUP_LABELS, REVIEW_GROUPS, SCORE_FACT_LABELS, type ManualFactKind, type ReviewGroup } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { PublishButton as PublishPeriod } from '../../components/PublishButton';
import { hasRole, useCurrentUser } from '../../session';
import { useServerToday } from '../../tasks';
import { formatTime } from '../../time';
import { AppealForm, type AppealTarget } from './AppealForm';

type Review = Schemas['MonthReview'];
type Row = Schemas['UnitScore'];

const rate = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const points = (v: number) => (v > 0 ? `+${v}` : String(v));
const previousMonth = (today: string) =>
  dayjs(`${today.slice(0, 7)}-01`)
    .subtract(1, 'month')
    .format('YYYY-MM');

export default function ReviewPage() {
  const today = useServerToday();
  const me = useCurrentUser();
  const manager = hasRole(me, 'office') || hasRole(me, 'assessment');
  const [params, setParams] = useSearchParams();
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period')! : previousMonth(today);
  const key = ['reviews', period];
  const review = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/reviews/{period}', { params: { path: { period } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['reviews'] });
  const data = review.data;
  const editable = manager && data?.status === 'draft';
  const [facts, setFacts] = useState<Row | null>(null);

  const status = !data ? null : data.status === 'published' ? (
    <Tag color="green">已发布 {data.publishedAt ? formatTime(data.publishedAt) : ''}</Tag>
  ) : (
    <Tag color="orange">未发布（实时计算）</Tag>
  );

  return (
    <>
      <PageHeader
        title="月点评"
        section="考核评价"
        subTitle="按评分方案从工作台账计算各单位得分，乡镇（街道）和县直单位分组排名；发布后冻结，不再改变"
        tags={
          <Space>
            {status}
            {data && <Tag>评分方案 第 {data.schemeVersion} 版</Tag>}
          </Space>
        }
        extra={
          <Space>
            <DatePicker
              picker="month"
              format="YYYY年MM月"
              allowClear={false}
              value={dayjs(`${period}-01`)}
              onChange={(d) => setParams(d ? { period: d.format('YYYY-MM') } : {})}
            />
            {editable && <PublishButton review={data} onDone={refresh} />}
          </Space>
        }
      />
      {review.isError && <Alert type="warning" showIcon message={(review.error as Error).message} style={{ marginBottom: 16 }} />}
      {editable && data.blocker && <Alert type="info" showIcon message={`暂不能发布：${data.blocker}`} style={{ marginBottom: 16 }} />}
      {data && (
        <Tabs
          items={[
            { key: 'ranking', label: '得分排名', children: <Ranking review={data} onOpen={setFacts} /> },
            { key: 'bottom', label: '末位表态', children: <Bottom review={data} editable={editable} onDone={refresh} /> },
            { key: 'stars', label: '县领导评星', children: <Stars review={data} editable={editable} onDone={refresh} /> },
            { key: 'categories', label: '专项通报', children: <Categories review={data} /> },
            ...(manager ? [{ key: 'manual', label: '加减分事项', children: <Manual review={data} editable={editable} onDone={refresh} /> }] : []),
          ]}
        />
      )}
      <FactsDrawer
        row={facts}
        onClose={() => setFacts(null)}
        period={period}
        // A unit's head or liaison appeals its own deductions of a published month (the server checks the deadline).
        appealable={data?.status === 'published' && hasRole(me, 'unit_head', 'unit_liaison') && facts?.unitId === me.unit?.id}
      />
    </>
  );
}

function Ranking({ review, onOpen }: { review: Review; onOpen: (r: Row) => void }) {
  const columns: TableColumnsType<Row> = [
    {
      title: '名次',
      dataIndex: 'rank',
      width: 70,
      align: 'center',
      render: (v: number, r) => (r.correctedRank !== undefined && r.correctedRank !== v ? `${v} → ${r.correctedRank}` : v),
    },
    { title: '单位', dataIndex: 'unitName' },
    {
      title: '得分',
      dataIndex: 'score',
      align: 'right',
      render: (v: number, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r)} data-testid={`score-${r.unitId}`}>
          {r.corrections?.length ? `${v.toFixed(2)} → ${r.correctedScore!.toFixed(2)}（更正）` : v.toFixed(2)}
        </Button>
      ),
    },
    { title: '交办', dataIndex: 'issued', align: 'right' },
    { title: '完成率', dataIndex: 'closeRate', align: 'right', render: rate },
    { title: '按时完成率', dataIndex: 'onTimeRate', align: 'right', render: rate },
    { title: '逾期未完成', dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    { title: '挂单', dataIndex: 'carried', align: 'right' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {REVIEW_GROUPS.map((g) => (
        <Card key={g} title={REVIEW_GROUP_LABELS[g]} size="small">
          <Table<Row>
            rowKey="unitId"
            size="small"
            columns={columns}
            dataSource={review.rows.filter((r) => r.group === g)}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ))}
      <Typography.Text type="secondary">
        排名规则：得分高者在前；得分相同名次相同，下一名次顺延（如 1、1、3）；同分单位按按时完成率、单位名称排列。点击得分查看明细。
      </Typography.Text>
    </Space>
  );
}

function FactsDrawer({ row, onClose, period, appealable }: { row: Row | null; onClose: () => void; period: string; appealable: boolean }) {
  const [appeal, setAppeal] = useState<AppealTarget | null>(null);
  return (
    <Drawer open={row !== null} onClose={onClose} size={640} title={row ? `${row.unitName} · 得分 ${row.score.toFixed(2)}` : ''}>
      {row?.corrections?.length ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={`申诉更正后得分 ${row.correctedScore!.toFixed(2)}，组内第 ${row.correctedRank} 名（发布得分 ${row.score.toFixed(2)}、第 ${row.rank} 名不变）`}
          description={row.corrections.map((c) => (
            <div key={c.id}>
              更正 {points(c.points)} 分：{c.reason}
            </div>
          ))}
        />
      ) : null}
      {row && (
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={row.facts}
          columns={[
            { title: '日期', dataIndex: 'date', width: 100 },
            { title: '类别', dataIndex: 'kindLabel', width: 120 },
            {
              title: '说明',
              dataIndex: 'label',
              render: (label: string, f) => (f.taskId ? <Link to={`/tasks/${f.taskId}`}>{label}</Link> : label),
            },
            { title: '分值', dataIndex: 'points', align: 'right', width: 80, render: points },
            ...(appealable
              ? [
                  {
                    title: '',
                    width: 70,
                    render: (_: unknown, f: Row['facts'][number]) =>
                      f.points < 0 &&
                      f.factId !== undefined && (
                        <Button size="small" onClick={() => setAppeal({ period, object: 'fact', id: f.factId!, subject: `${f.label}（${f.points} 分）` })}>
                          申诉
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>合计（各项之和即得分）</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Typography.Text strong>{row.score.toFixed(2)}</Typography.Text>
              </Table.Summary.Cell>
              {appealable && <Table.Summary.Cell index={4} />}
            </Table.Summary.Row>
          )}
        />
      )}
      <AppealForm target={appeal} onClose={() => setAppeal(null)} />
    </Drawer>
  );
}

function PublishButton({ review, onDone }: { review: Review; onDone: () => Promise<void> }) {
  return (
    <PublishPeriod
      title={`发布 ${review.period} 月点评？`}
      description="发布后得分、名次、明细和评分方案版本将冻结，不能再修改。"
      label="发布本月点评"
      blocked={review.blocker !== null}
      publish={() => call(api.POST('/api/v1/reviews/{period}/publish', { params: { path: { period: review.period } } }))}
      onDone={onDone}
    />
  );
}

function Bottom({ review, editable, onDone }: { review: Review; editable: boolean; onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ReviewGroup | null>(null);
  const [form] = Form.useForm<{ unitIds: number[]; reason?: string }>();
  async function confirm(group: ReviewGroup, unitIds: number[], reason?: string) {
    try {
      await call(api.POST('/api/v1/reviews/{period}/bottom-statements', { params: { path: { period: review.period } }, body: { group, unitIds, reason } }));
      void message.success('已确认末位表态单位');
      setEditing(null);
      await onDone();
    } catch (e) {
      void message.error((e as Error).message);
    }
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {review.bottom.map((b) => (
        <Card key={b.group} size="small" title={REVIEW_GROUP_LABELS[b.group]}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="系统建议（得分最低的两个单位）">
              {b.proposed.map((u) => u.unitName).join('、') || '本月没有需表态的单位'}
            </Descriptions.Item>
            <Descriptions.Item label="已确认">
              {b.confirmed ? b.confirmed.map((u) => u.unitName).join('、') : b.proposed.length ? <Tag color="orange">待确认</Tag> : '无'}
            </Descriptions.Item>
            {b.reason && <Descriptions.Item label="调整理由">{b.reason}</Descriptions.Item>}
          </Descriptions>
          {editable && b.proposed.length > 0 && (
            <Space>
              <Button
                type="primary"
                onClick={() =>
                  void confirm(
                    b.group,
                    b.proposed.map((u) => u.unitId),
                  )
                }
              >
                按建议确认
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ unitIds: b.proposed.map((u) => u.unitId), reason: '' });
                  setEditing(b.group);
                }}
              >
                调整表态单位
              </Button>
            </Space>
          )}
        </Card>
      ))}
      <Modal
        open={editing !== null}
        title="调整末位表态单位"
        okText="确认"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => confirm(editing!, v.unitIds, v.reason))}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitIds" label="表态单位" rules={[{ required: true, message: '请选择表态单位' }]}>
            <Select
              mode="multiple"
              maxCount={2}
              options={review.rows.filter((r) => r.group === editing).map((r) => ({ value: r.unitId, label: `${r.unitName}（${r.score.toFixed(2)} 分）` }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="理由（与建议不同时必填）">
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Stars({ review, editable, onDone }: { review: Review; editable: boolean; onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [leader, setLeader] = useState<Review['stars'][number] | null>(null);
  const [form] = Form.useForm<{ stars: number; reason: string }>();
  return (
    <>
      <Table
        rowKey="leaderId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={review.stars}
        columns={[
          { title: '县领导', render: (_, l) => `${l.position} ${l.leaderName}` },
          { title: '牵头事项', dataIndex: 'led', align: 'right' },
          { title: '按时销号', dataIndex: 'closedOnTime', align: 'right' },
          { title: '逾期销号', dataIndex: 'closedLate', align: 'right' },
          { title: '逾期未完成', dataIndex: 'overdue', align: 'right' },
          { title: '计算星级', dataIndex: 'computed', render: (v: number | null) => (v === null ? '无到期事项' : <Rate disabled value={v} />) },
          {
            title: '评定星级',
            render: (_, l) => (l.stars === null ? '—' : <Rate disabled value={l.stars} />),
          },
          { title: '调整理由', dataIndex: 'reason' },
          ...(editable
            ? [
                {
                  title: '',
                  render: (_: unknown, l: Review['stars'][number]) => (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ stars: l.stars ?? 3, reason: '' });
                        setLeader(l);
                      }}
                    >
                      调整
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Text type="secondary">
        星级由当月到期的牵头事项计算：按时销号计全，逾期销号计半，逾期未完成不计；≥90% 五星，≥75% 四星，≥60% 三星，≥40% 二星，其余一星。
      </Typography.Text>
      <Modal
        open={leader !== null}
        title={leader ? `调整星级：${leader.leaderName}` : ''}
        okText="保存"
        cancelText="取消"
        onCancel={() => setLeader(null)}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            try {
              await call(
                api.POST('/api/v1/reviews/{period}/leader-stars', { params: { path: { period: review.period } }, body: { leaderId: leader!.leaderId, ...v } }),
              );
              void message.success('已调整');
              setLeader(null);
              await onDone();
            } catch (e) {
              void message.error((e as Error).message);
            }
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="stars" label="星级" rules={[{ required: true }]}>
            <Rate />
          </Form.Item>
          <Form.Item name="reason" label="调整理由" rules={[{ required: true, message: '请填写调整理由' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Categories({ review }: { review: Review }) {
  return (
    <Table
      rowKey="categoryId"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={review.categories}
      columns={[
        { title: '类别', dataIndex: 'name' },
        { title: '交办', dataIndex: 'issued', align: 'right' },
        { title: '按时销号', dataIndex: 'closedOnTime', align: 'right' },
        { title: '逾期销号', dataIndex: 'closedLate', align: 'right' },
        { title: '逾期未完成', dataIndex: 'overdue', align: 'right' },
        { title: '挂单', dataIndex: 'carried', align: 'right' },
        { title: '完成率', dataIndex: 'closeRate', align: 'right', render: rate },
        { title: '按时完成率', dataIndex: 'onTimeRate', align: 'right', render: rate },
      ]}
    />
  );
}

function Manual({ review, editable, onDone }: { review: Review; editable: boolean; onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ unitId: number; kind: ManualFactKind; day: dayjs.Dayjs; reason: string; evidence: string }>();
  const names = new Map(review.rows.map((r) => [r.unitId, r.unitName]));
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
  if (review.status === 'published') return <Typography.Text type="secondary">该月已发布，加减分事项已计入得分明细（点击得分查看）。</Typography.Text>;
  return (
    <>
      {editable && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          录入加减分事项
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={review.manual}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '单位', dataIndex: 'unitId', render: (id: number) => names.get(id) },
          { title: '类别', dataIndex: 'kind', render: (k: ManualFactKind) => SCORE_FACT_LABELS[k] },
          { title: '事由', dataIndex: 'reason' },
          { title: '依据', dataIndex: 'evidence' },
          {
            title: '',
            render: (_, m) =>
              editable && (
                <Popconfirm
                  title="撤回这条加减分事项？"
                  onConfirm={() =>
                    void run(
                      call(api.POST('/api/v1/reviews/{period}/manual-facts/{id}/withdraw', { params: { path: { period: review.period, id: m.id } } })),
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
        title="录入加减分事项"
        okText="保存"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            const body = { ...v, day: v.day.format('YYYY-MM-DD') };
            if (await run(call(api.POST('/api/v1/reviews/{period}/manual-facts', { params: { path: { period: review.period } }, body })), '已录入')) {
              setOpen(false);
              form.resetFields();
            }
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch optionFilterProp="label" options={review.rows.map((r) => ({ value: r.unitId, label: r.unitName }))} />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={MANUAL_FACT_KINDS.map((k) => ({ value: k, label: SCORE_FACT_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM') !== review.period} defaultPickerValue={dayjs(`${review.period}-01`)} />
          </Form.Item>
          <Form.Item name="reason" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="evidence" label="依据（文件、批示或会议记录）" rules={[{ required: true, message: '请填写依据' }]}>
            <Input maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
