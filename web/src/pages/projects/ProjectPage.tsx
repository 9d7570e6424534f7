import { CameraOutlined, DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, upload, type Schemas } from '../../api';
import { Chart, type ChartOption } from '../../components/Chart';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { shrinkImage } from '../../image';
import { COLOUR_LABELS, PHOTO_DATE_SOURCE_LABELS, PROJECT_KIND_LABELS } from '../../labels';
import { usePhone } from '../../phone';
import { useServerToday } from '../../tasks';
import { PhotoCompare, photoPlace, photoUrl } from './PhotoCompare';
import { COLOUR_TAG, RegisterForm, registerBody, type RegisterFields, wan } from './ProjectsPage';
import './projects.css';

echarts.use([MarkLineComponent]);

type Project = Schemas['Project'];
type Step = Project['steps'][number];
type Month = Project['curve'][number];

const COLOUR_HEX: Record<Step['colour'], string> = { red: '#f5222d', yellow: '#faad14', blue: '#1677ff', green: '#52c41a', grey: '#bfbfbf' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayRule = { pattern: DAY, message: '请按 YYYY-MM-DD 填写' };
const days = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day');

/** Plan against actual, one row per step: the grey bar is the plan, the coloured bar what was done (to today if open). */
function ganttOption(steps: Step[], today: string): ChartOption {
  const starts = steps.flatMap((s) => [s.plannedStart, ...(s.actualStart ? [s.actualStart] : [])]);
  const ends = steps.flatMap((s) => [s.dueDate, s.actualEnd ?? (s.actualStart ? today : s.dueDate)]);
  const origin = starts.reduce((a, b) => (a < b ? a : b));
  const last = [...ends, today].reduce((a, b) => (a > b ? a : b));
  const actualEnd = (s: Step) => s.actualEnd ?? today;
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 24, containLabel: true },
    legend: { data: ['计划', '实际'], top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const s = steps[params[0]!.dataIndex]!;
        return `${s.phase} · ${s.name}<br/>计划：${s.plannedStart} 至 ${s.dueDate}（${s.plannedDays} 天）<br/>实际：${s.actualStart ? `${s.actualStart} 至 ${s.actualEnd ?? '进行中'}` : '未开始'}<br/>${s.unitName} ${s.personName}`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: days(origin, last) + 1,
      axisLabel: { formatter: (v: number) => dayjs(origin).add(v, 'day').format('M/D') },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => `${s.seq}. ${s.name}`), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        name: 'plan-offset',
        type: 'bar',
        stack: 'plan',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: steps.map((s) => days(origin, s.plannedStart)),
      },
      {
        name: '计划',
        type: 'bar',
        stack: 'plan',
        barWidth: 10,
        itemStyle: { color: '#bfbfbf' },
        data: steps.map((s) => s.plannedDays),
        markLine: {
          symbol: 'none',
          label: { formatter: '今天' },
          lineStyle: { color: '#a8071a', type: 'solid' },
          data: [{ xAxis: days(origin, today) + 0.5 }],
        },
      },
      {
        name: 'actual-offset',
        type: 'bar',
        stack: 'actual',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: steps.map((s) => (s.actualStart ? days(origin, s.actualStart) : 0)),
      },
      {
        name: '实际',
        type: 'bar',
        stack: 'actual',
        barWidth: 10,
        itemStyle: { color: COLOUR_HEX.blue },
        data: steps.map((s) => (s.actualStart ? { value: days(s.actualStart, actualEnd(s)) + 1, itemStyle: { color: COLOUR_HEX[s.colour] } } : 0)),
      },
    ],
  };
}

function curveOption(curve: Month[], month: string): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} 万元` },
    xAxis: { type: 'category', data: curve.map((c) => `${Number(c.period.slice(5))}月`) },
    yAxis: { type: 'value', name: '万元' },
    series: [
      { name: '累计计划', type: 'line', data: curve.map((c) => c.plannedSum), lineStyle: { type: 'dashed' }, itemStyle: { color: '#8c8c8c' } },
      { name: '累计完成', type: 'line', data: curve.map((c) => (c.period <= month ? c.doneSum : null)), itemStyle: { color: '#1677ff' } },
      { name: '当月完成', type: 'bar', data: curve.map((c) => c.done), itemStyle: { color: '#91caff' } },
    ],
  };
}

interface StepFields {
  phase: string;
  seq: number;
  name: string;
  plannedStart: string;
  plannedDays: number;
  unitId: number;
  personName?: string;
  phone?: string;
}

type Dialog =
  | { kind: 'edit' }
  | { kind: 'step'; step: Step | null }
  | { kind: 'actual'; step: Step }
  | { kind: 'link'; step: Step }
  | { kind: 'month'; month: Month }
  | { kind: 'photo' };

export default function ProjectPage() {
  const id = Number(useParams().id);
  const phone = usePhone();
  const today = useServerToday();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [pair, setPair] = useState<{ before?: number; after?: number }>({});
  const query = useQuery({ queryKey: ['projects', id], queryFn: () => call(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })) });
  const p = query.data;
  const saved = (next: Project) => queryClient.setQueryData(['projects', id], next);
  const gantt = useMemo(() => (p && p.steps.length ? ganttOption(p.steps, today) : null), [p, today]);
  const curve = useMemo(() => (p ? curveOption(p.curve, today.slice(0, 7)) : null), [p, today]);
  if (!p) return <Card loading={query.isLoading}>{query.error ? '项目不存在或无权查看' : null}</Card>;

  // The comparison: by default the latest photo beside the one before it; any two can be chosen.
  const byId = (photoId?: number) => p.photos.find((ph) => ph.id === photoId) ?? null;
  const after = byId(pair.after) ?? p.photos[0] ?? null;
  const before = byId(pair.before) ?? p.photos.find((ph) => after && ph.takenOn < after.takenOn) ?? p.photos[1] ?? null;
  const photoOptions = p.photos.map((ph) => ({ value: ph.id, label: `${ph.takenOn}${ph.caption ? ` ${ph.caption}` : ''}` }));

  const stepActions = (s: Step) => (
    <Space wrap size={4}>
      {p.canReport && (
        <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'actual', step: s })}>
          填报
        </Button>
      )}
      {p.canManage && (
        <Button size="small" onClick={() => setDialog({ kind: 'step', step: s })}>
          修改计划
        </Button>
      )}
      {p.canManage && !s.actualStart && (
        <Popconfirm
          title={`删除误录的工序“${s.name}”？`}
          okText="删除"
          onConfirm={async () => {
            try {
              saved(await call(api.DELETE('/api/v1/projects/steps/{id}', { params: { path: { id: s.id } } })));
            } catch (err) {
              showError(err);
            }
          }}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除工序 ${s.name}`} />
        </Popconfirm>
      )}
      {s.taskId ? (
        <Link to={`/tasks/${s.taskId}`}>事项 #{s.taskId}</Link>
      ) : (
        p.canManage && (
          <Button size="small" icon={<LinkOutlined />} onClick={() => setDialog({ kind: 'link', step: s })}>
            关联事项
          </Button>
        )
      )}
    </Space>
  );
  const stepColumns: TableColumnsType<Step> = [
    { title: '亮灯', key: 'colour', width: 72, render: (_, s) => <Tag color={COLOUR_TAG[s.colour]}>{COLOUR_LABELS[s.colour]}</Tag> },
    { title: '部分', dataIndex: 'phase', width: 100 },
    { title: '工序', key: 'name', render: (_, s) => `${s.seq}. ${s.name}` },
    { title: '计划开始', dataIndex: 'plannedStart', width: 110 },
    { title: '工期', key: 'days', width: 70, render: (_, s) => `${s.plannedDays} 天` },
    { title: '时间节点', dataIndex: 'dueDate', width: 110 },
    { title: '承担单位 / 责任人', key: 'who', width: 200, render: (_, s) => `${s.unitName} ${s.personName} ${s.phone}` },
    { title: '实际开始', key: 'as', width: 110, render: (_, s) => s.actualStart ?? '—' },
    { title: '实际完成', key: 'ae', width: 110, render: (_, s) => s.actualEnd ?? '—' },
    { title: '操作', key: 'actions', width: 220, render: (_, s) => stepActions(s) },
  ];
  const monthColumns: TableColumnsType<Month> = [
    { title: '月份', dataIndex: 'period', width: 100 },
    { title: '计划', key: 'planned', align: 'right', render: (_, m) => m.planned },
    { title: '完成', key: 'done', align: 'right', render: (_, m) => m.done ?? '—' },
    { title: '累计计划', dataIndex: 'plannedSum', align: 'right' },
    { title: '累计完成', key: 'doneSum', align: 'right', render: (_, m) => (m.period <= today.slice(0, 7) ? m.doneSum : '—') },
    {
      title: '',
      key: 'edit',
      width: 80,
      render: (_, m) =>
        (p.canManage || (p.canReport && m.period <= today.slice(0, 7))) && (
          <Button size="small" onClick={() => setDialog({ kind: 'month', month: m })}>
            {p.canManage ? '编辑' : '填报'}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={p.name}
        section="督查督办"
        parents={[{ title: '重点项目', to: '/projects' }]}
        tags={
          <>
            <Tag color={COLOUR_TAG[p.colour]}>{COLOUR_LABELS[p.colour]}</Tag>
            <Tag>{PROJECT_KIND_LABELS[p.kind]}</Tag>
          </>
        }
        extra={
          p.canManage && (
            <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
              修改登记
            </Button>
          )
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="牵头县领导">{p.leadLeaderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="牵头单位">{p.leadUnitName}</Descriptions.Item>
            <Descriptions.Item label="责任人">
              {p.responsibleName} {p.responsiblePhone}
            </Descriptions.Item>
            <Descriptions.Item label="项目地址">
              {p.address || '—'}
              {p.latitude !== null && p.longitude !== null && (
                <Typography.Text type="secondary">
                  {' '}
                  （{p.latitude.toFixed(4)}°N {p.longitude.toFixed(4)}°E）
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="计划总投资">{wan(p.totalInvestment)}</Descriptions.Item>
            <Descriptions.Item label={`${p.year}年计划 / 完成`}>
              {wan(p.plannedThisYear)} / {wan(p.doneThisYear)}
            </Descriptions.Item>
            <Descriptions.Item label="累计完成">{wan(p.cumulative)}</Descriptions.Item>
          </Descriptions>
        </Card>

        <Card
          title="工序推进图（计划与实际）"
          extra={
            p.canManage && (
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'step', step: null })}>
                增加工序
              </Button>
            )
          }
        >
          {gantt ? (
            <Chart option={gantt} height={Math.max(160, 60 + p.steps.length * 30)} label="工序推进图：灰色为计划，彩色为实际" />
          ) : (
            <Empty description="尚未分解工序" />
          )}
          {phone ? (
            <List
              dataSource={p.steps}
              renderItem={(s) => (
                <List.Item>
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Space wrap>
                      <Tag color={COLOUR_TAG[s.colour]}>{COLOUR_LABELS[s.colour]}</Tag>
                      <Typography.Text strong>
                        {s.seq}. {s.name}
                      </Typography.Text>
                      <Typography.Text type="secondary">{s.phase}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">
                      计划 {s.plannedStart} 起 {s.plannedDays} 天，节点 {s.dueDate}
                    </Typography.Text>
                    <Typography.Text>
                      实际 {s.actualStart ?? '未开始'} — {s.actualEnd ?? (s.actualStart ? '进行中' : '')}
                    </Typography.Text>
                    {stepActions(s)}
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Table rowKey="id" size="small" columns={stepColumns} dataSource={p.steps} pagination={false} scroll={{ x: 1200 }} style={{ marginTop: 16 }} />
          )}
        </Card>

        <Card title={`${p.year}年投资（万元）：累计完成与计划`}>
          {curve && <Chart option={curve} height={260} label="本年投资曲线：累计计划与累计完成" />}
          <Table rowKey="period" size="small" columns={monthColumns} dataSource={p.curve} pagination={false} scroll={{ x: 600 }} />
        </Card>

        <Card
          title="影像比绩：现场照片"
          extra={
            p.canReport && (
              <Button type="primary" icon={<CameraOutlined />} onClick={() => setDialog({ kind: 'photo' })}>
                上传照片
              </Button>
            )
          }
        >
          {p.photos.length === 0 ? (
            <Empty description="尚无现场照片" />
          ) : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Space wrap>
                <span>上期</span>
                <Select
                  style={{ width: 220 }}
                  aria-label="上期照片"
                  value={before?.id}
                  options={photoOptions}
                  onChange={(v) => setPair({ ...pair, before: v })}
                />
                <span>本期</span>
                <Select
                  style={{ width: 220 }}
                  aria-label="本期照片"
                  value={after?.id}
                  options={photoOptions}
                  onChange={(v) => setPair({ ...pair, after: v })}
                />
              </Space>
              <div style={{ maxWidth: 720 }}>
                <PhotoCompare before={before && after && before.id !== after.id ? before : null} after={after} label={p.name} />
              </div>
              <div className="photo-grid">
                {p.photos.map((ph) => (
                  <figure key={ph.id}>
                    <a href={photoUrl(ph)} target="_blank" rel="noreferrer">
                      <img src={photoUrl(ph, true)} alt={`${p.name} ${ph.takenOn}`} loading="lazy" />
                    </a>
                    <figcaption>
                      {ph.takenOn}（{PHOTO_DATE_SOURCE_LABELS[ph.dateSource]}）{photoPlace(ph) && <div>{photoPlace(ph)}</div>}
                    </figcaption>
                  </figure>
                ))}
              </div>
            </Space>
          )}
        </Card>
      </Space>

      {dialog?.kind === 'edit' && (
        <FormModal<RegisterFields>
          title="修改项目登记"
          width={640}
          initialValues={{
            ...p,
            leadLeaderId: p.leadLeaderId ?? undefined,
            longitude: p.longitude ?? undefined,
            latitude: p.latitude ?? undefined,
          }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) =>
            saved(await call(api.PUT('/api/v1/projects/{id}', { params: { path: { id } }, body: { ...registerBody(v), version: p.version } })))
          }
        >
          <RegisterForm />
        </FormModal>
      )}
      {dialog?.kind === 'step' && (
        <FormModal<StepFields>
          title={dialog.step ? '修改工序计划' : '增加工序'}
          initialValues={dialog.step ?? { seq: p.steps.length + 1, phase: p.steps.at(-1)?.phase, unitId: p.leadUnitId }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const body = { ...v, personName: v.personName ?? '', phone: v.phone ?? '' };
            saved(
              dialog.step
                ? await call(
                    api.PUT('/api/v1/projects/steps/{id}', { params: { path: { id: dialog.step.id } }, body: { ...body, version: dialog.step.version } }),
                  )
                : await call(api.POST('/api/v1/projects/{id}/steps', { params: { path: { id } }, body })),
            );
          }}
        >
          <Space wrap>
            <Form.Item name="phase" label="所属部分" rules={[{ required: true, whitespace: true, message: '请填写所属部分' }]}>
              <Input maxLength={50} placeholder="如 线路铺设" />
            </Form.Item>
            <Form.Item name="seq" label="顺序" rules={[{ required: true, message: '请填写顺序' }]}>
              <InputNumber min={0} max={10000} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="name" label="工序名称" rules={[{ required: true, whitespace: true, message: '请填写工序名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="plannedStart" label="计划开始" rules={[{ required: true, message: '请填写计划开始日期' }, dayRule]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="plannedDays" label="计划工期（天）" rules={[{ required: true, message: '请填写计划工期' }]}>
              <InputNumber min={1} max={3660} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="unitId" label="承担单位" rules={[{ required: true, message: '请选择承担单位' }]}>
            <UnitTreeSelect />
          </Form.Item>
          <Space wrap>
            <Form.Item name="personName" label="责任人">
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={30} />
            </Form.Item>
          </Space>
        </FormModal>
      )}
      {dialog?.kind === 'actual' && (
        <FormModal<{ actualStart?: string; actualEnd?: string }>
          title={`填报实际日期：${dialog.step.name}`}
          okText="填报"
          initialValues={{ actualStart: dialog.step.actualStart ?? undefined, actualEnd: dialog.step.actualEnd ?? undefined }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) =>
            saved(
              await call(
                api.PUT('/api/v1/projects/steps/{id}/actual', {
                  params: { path: { id: dialog.step.id } },
                  body: { actualStart: v.actualStart || null, actualEnd: v.actualEnd || null, version: dialog.step.version },
                }),
              ),
            )
          }
        >
          <Typography.Paragraph type="secondary">
            计划 {dialog.step.plannedStart} 开始，时间节点 {dialog.step.dueDate}
          </Typography.Paragraph>
          <Form.Item name="actualStart" label="实际开始" rules={[dayRule]}>
            <Input type="date" max={today} />
          </Form.Item>
          <Form.Item name="actualEnd" label="实际完成" rules={[dayRule]}>
            <Input type="date" max={today} />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'link' && (
        <FormModal<{ taskId?: string }>
          title={`关联台账事项：${dialog.step.name}`}
          okText="关联"
          onClose={() => setDialog(null)}
          onSubmit={async (v) =>
            saved(
              await call(
                api.POST('/api/v1/projects/steps/{id}/task', {
                  params: { path: { id: dialog.step.id } },
                  body: { taskId: v.taskId ? Number(v.taskId) : null, version: dialog.step.version },
                }),
              ),
            )
          }
        >
          <Typography.Paragraph>
            不填编号时，以时间节点 {dialog.step.dueDate} 为时限向 {dialog.step.unitName} 交办新事项，纳入督办。
          </Typography.Paragraph>
          <Form.Item name="taskId" label="已有事项编号（可选）" rules={[{ pattern: /^\d{1,9}$/, message: '请填写事项编号' }]}>
            <Input placeholder="如 128" />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'month' && (
        <FormModal<{ planned: number; done?: number | null }>
          title={`${dialog.month.period} 投资（万元）`}
          initialValues={{ planned: dialog.month.planned, done: dialog.month.done }}
          onClose={() => setDialog(null)}
          onSubmit={async (v) =>
            saved(
              await call(
                api.PUT('/api/v1/projects/{id}/investments/{period}', {
                  params: { path: { id, period: dialog.month.period } },
                  body: { planned: v.planned, done: v.done ?? null, version: dialog.month.version },
                }),
              ),
            )
          }
        >
          <Form.Item name="planned" label="计划" rules={[{ required: true, message: '请填写计划' }]}>
            <InputNumber min={0} precision={0} disabled={!p.canManage} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="done" label="完成">
            <InputNumber min={0} precision={0} style={{ width: 200 }} />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'photo' && (
        <FormModal<{ file?: FileList; takenOn?: string; caption?: string }>
          title="上传现场照片"
          okText="上传"
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            const file = v.file?.[0];
            if (!file) throw new Error('请选择照片');
            const form = new FormData();
            // The original goes up when small enough, so its EXIF date and place are read on the server.
            form.append('file', file.size > 8 * 1024 * 1024 ? await shrinkImage(file) : file);
            if (v.takenOn) form.append('takenOn', v.takenOn);
            if (v.caption) form.append('caption', v.caption);
            await upload('/api/v1/projects/{id}/photos', { id }, form);
            await queryClient.invalidateQueries({ queryKey: ['projects', id] });
          }}
        >
          <Form.Item
            name="file"
            label="照片"
            valuePropName="files"
            getValueFromEvent={(e: { target: HTMLInputElement }) => e.target.files}
            rules={[{ required: true, message: '请选择照片' }]}
          >
            <input type="file" accept="image/jpeg,image/png" aria-label="选择照片" />
          </Form.Item>
          <Form.Item name="takenOn" label="拍摄日期（照片带拍摄信息时以照片为准）" rules={[dayRule]}>
            <Input type="date" max={today} />
          </Form.Item>
          <Form.Item name="caption" label="位置或说明">
            <Input maxLength={200} placeholder="如 解放路段管沟" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
