import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type Grade, REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { PublishButton as PublishPeriod } from '../../components/PublishButton';
import { hasRole, useCurrentUser } from '../../session';
import { useServerToday } from '../../tasks';
import { formatTime } from '../../time';

type Year = Schemas['YearAssessment'];
type Row = Schemas['YearScore'];
type Part = Row['parts'][number];

const GRADE_COLORS: Record<Grade, string> = { excellent: 'green', good: 'blue', fair: 'default', poor: 'red' };
const points = (v: number) => (v > 0 ? `+${v}` : String(v));

export default function YearPage() {
  const today = useServerToday();
  const me = useCurrentUser();
  const manager = hasRole(me, 'office') || hasRole(me, 'assessment');
  const [params, setParams] = useSearchParams();
  const thisYear = Number(today.slice(0, 4));
  const year = /^\d{4}$/.test(params.get('year') ?? '') ? params.get('year')! : String(thisYear);
  const y = useQuery({
    queryKey: ['assessments', 'years', year],
    queryFn: () => call(api.GET('/api/v1/assessments/years/{year}', { params: { path: { year } } })),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['assessments'] });
  const data = y.data;
  const editable = manager && data?.status === 'draft';
  const [open, setOpen] = useState<Row | null>(null);
  const [editing, setEditing] = useState<{ row: Row; part: Part } | null>(null);

  return (
    <>
      <PageHeader
        title="年度考核"
        section="考核评价"
        subTitle="工作落实（预安销号）分项由全年月点评得分和季度加分折算，与其他分项相加；分组排名、评定等次，末位单位写出书面检查并约谈主要负责人"
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
              style={{ width: 120 }}
              value={year}
              onChange={(v) => setParams({ year: v })}
              options={[0, 1, 2, 3].map((n) => ({ value: String(thisYear - n), label: `${thisYear - n}年度` }))}
              aria-label="年度"
            />
            {editable && <PublishButton year={data} onDone={refresh} />}
          </Space>
        }
      />
      {y.isError && <Alert type="warning" showIcon message={(y.error as Error).message} style={{ marginBottom: 16 }} />}
      {editable && data.blocker && <Alert type="info" showIcon message={`暂不能发布：${data.blocker}`} style={{ marginBottom: 16 }} />}
      {data && <Ranking year={data} editable={editable} onOpen={setOpen} onEdit={(row, part) => setEditing({ row, part })} />}
      <PartsDrawer row={open} onClose={() => setOpen(null)} />
      {data && <PartModal year={data.year} editing={editing} onClose={() => setEditing(null)} onDone={refresh} />}
    </>
  );
}

function Ranking({ year, editable, onOpen, onEdit }: { year: Year; editable: boolean; onOpen: (r: Row) => void; onEdit: (r: Row, p: Part) => void }) {
  const s = year.settings;
  const columns: TableColumnsType<Row> = [
    { title: '名次', dataIndex: 'rank', width: 70, align: 'center' },
    { title: '单位', dataIndex: 'unitName' },
    {
      title: `工作落实（${s.closingWeight}）`,
      key: 'closing',
      align: 'right',
      render: (_, r) => r.parts[0]!.points!.toFixed(2),
    },
    ...(year.rows[0]?.parts.slice(1) ?? s.parts).map((p, i) => ({
      title: `${p.name}（${p.max}）`,
      key: p.key,
      align: 'right' as const,
      render: (_: unknown, r: Row) => {
        const part = r.parts[i + 1]!;
        const shown = part.points === null ? <Typography.Text type="secondary">未录入</Typography.Text> : part.points.toFixed(2);
        return editable ? (
          <Button type="link" size="small" onClick={() => onEdit(r, part)} data-testid={`part-${r.unitId}-${part.key}`}>
            {shown}
          </Button>
        ) : (
          shown
        );
      },
    })),
    {
      title: '总分',
      dataIndex: 'total',
      align: 'right',
      render: (v: number, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r)} data-testid={`year-total-${r.unitId}`}>
          {v.toFixed(2)}
        </Button>
      ),
    },
    { title: '等次', dataIndex: 'grade', align: 'center', render: (g: Grade, r) => <Tag color={GRADE_COLORS[g]}>{r.gradeLabel}</Tag> },
    {
      title: '结果运用',
      key: 'flagged',
      render: (_, r) =>
        r.flagged ? (
          <Space size={4}>
            <Tag color="red">书面检查、约谈</Tag>
            {r.interviewId && <Link to={`/interviews/${r.interviewId}`}>约谈建议</Link>}
          </Space>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {REVIEW_GROUPS.map((g) => (
        <Card key={g} title={REVIEW_GROUP_LABELS[g]} size="small">
          <Table<Row>
            rowKey="unitId"
            size="small"
            columns={columns}
            dataSource={year.rows.filter((r) => r.group === g)}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ))}
      <Typography.Text type="secondary">
        工作落实分项 = {s.closingWeight} × 本单位全年工作落实记录 ÷ 本组最好的记录（记录为零或负计 0 分）；等次：{s.grades.excellent} 分及以上优秀，
        {s.grades.good} 分及以上良好，{s.grades.fair} 分及以上一般，以下较差；每组排名后 {s.flaggedLast} 位的单位写出书面检查，由组织部长约谈主要负责人。
        {year.status === 'draft' && year.missingMonths.length > 0 && ` 尚未发布月点评的月份（${year.missingMonths.length} 个）暂不计入。`}
      </Typography.Text>
    </Space>
  );
}

function PartsDrawer({ row, onClose }: { row: Row | null; onClose: () => void }) {
  return (
    <Drawer open={row !== null} onClose={onClose} size={680} title={row ? `${row.unitName} · 总分 ${row.total.toFixed(2)}（${row.gradeLabel}）` : ''}>
      {row && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Table<Part>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={row.parts}
            columns={[
              { title: '分项', dataIndex: 'name' },
              { title: '满分', dataIndex: 'max', align: 'right', width: 70 },
              { title: '得分', dataIndex: 'points', align: 'right', width: 80, render: (v: number | null) => (v === null ? '未录入' : v.toFixed(2)) },
              {
                title: '依据',
                dataIndex: 'reason',
                render: (reason: string, p) =>
                  p.key === 'closing' ? `${p.max} × ${row.record.toFixed(2)} ÷ ${row.best.toFixed(2)}（本组最好记录），四舍五入到 0.01 分` : reason,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>合计（各分项之和即总分）</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong>{row.total.toFixed(2)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} />
              </Table.Summary.Row>
            )}
          />
          <Descriptions size="small" column={1} title="全年工作落实记录">
            <Descriptions.Item label="记录">{row.record.toFixed(2)}（已发布月点评得分与已发布季度加分之和）</Descriptions.Item>
            <Descriptions.Item label="本组最好">{row.best.toFixed(2)}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={row.recordItems}
            columns={[
              { title: '说明', dataIndex: 'label' },
              { title: '日期', dataIndex: 'date', width: 100, render: (d: string | null) => d ?? '' },
              { title: '分值', dataIndex: 'points', align: 'right', width: 80, render: points },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

function PartModal({
  year,
  editing,
  onClose,
  onDone,
}: {
  year: string;
  editing: { row: Row; part: Part } | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ points: number; reason: string }>();
  return (
    <Modal
      open={editing !== null}
      title={editing ? `${editing.row.unitName} · ${editing.part.name}（满分 ${editing.part.max}）` : ''}
      okText="保存"
      cancelText="取消"
      destroyOnHidden
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          try {
            await call(
              api.POST('/api/v1/assessments/years/{year}/parts', {
                params: { path: { year } },
                body: { unitId: editing!.row.unitId, partKey: editing!.part.key, points: v.points, reason: v.reason },
              }),
            );
            void message.success('已保存分项得分');
            onClose();
            await onDone();
          } catch (e) {
            void message.error((e as Error).message);
          }
        })
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        key={editing ? `${editing.row.unitId}-${editing.part.key}` : ''}
        initialValues={editing ? { points: editing.part.points ?? undefined, reason: editing.part.reason } : {}}
      >
        <Form.Item name="points" label="得分" rules={[{ required: true, message: '请填写得分' }]}>
          <InputNumber min={0} max={editing?.part.max} step={0.5} precision={2} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reason" label="评分依据" rules={[{ required: true, message: '请填写评分依据' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PublishButton({ year, onDone }: { year: Year; onDone: () => Promise<void> }) {
  return (
    <PublishPeriod
      title={`发布 ${year.year} 年度考核？`}
      description="发布后总分、名次和等次将冻结；每组末位单位将提出约谈主要负责人的建议。"
      label="发布年度考核"
      blocked={year.blocker !== null}
      done="已发布，末位单位的约谈建议已提交审批"
      publish={() => call(api.POST('/api/v1/assessments/years/{year}/publish', { params: { path: { year: year.year } } }))}
      onDone={onDone}
    />
  );
}
