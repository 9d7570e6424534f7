import { CalculatorOutlined, CheckCircleOutlined, DeleteOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api';
import { ErrorAlert, useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { WEEKDAY_LABELS } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { useServerToday } from '../tasks';
import { formatTime } from '../time';

type CalendarDay = Schemas['CalendarDay'];
type DaySource = CalendarDay['source'];
type Override = Schemas['CalendarOverride'];

const CALENDAR_KEY = ['calendar'];
const SOURCE_LABELS: Record<DaySource, string> = { national: '国务院安排', override: '本县录入', weekday: '周一至周五' };
const KIND_LABELS = { off: '放假', work: '调休上班' } as const;
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

// Monday = 0 … Sunday = 6, by the date itself whatever the browser's zone.
const weekdayIndex = (day: string) => (dayjs.utc(day).day() + 6) % 7;
const weekdayLabel = (day: string) => WEEKDAY_LABELS[weekdayIndex(day)];

export default function CalendarPage() {
  const me = useCurrentUser();
  const isAdmin = hasRole(me, 'sysadmin');
  const today = useServerToday();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || Number(today.slice(0, 4));
  const [entering, setEntering] = useState(false);
  const [rangeForm] = Form.useForm<OverrideFields>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();

  const calendar = useQuery({ queryKey: [...CALENDAR_KEY, year], queryFn: () => call(api.GET('/api/v1/calendar', { params: { query: { year } } })) });
  const overrides = useQuery({
    queryKey: [...CALENDAR_KEY, 'overrides', year],
    queryFn: () => call(api.GET('/api/v1/calendar/overrides', { params: { query: { year } } })).then((r) => r.items),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
  const cal = calendar.data;
  const hasNational = cal?.days.some((d) => d.source === 'national') ?? false;

  async function removeOverride(day: string) {
    try {
      await call(api.DELETE('/api/v1/calendar/overrides/{day}', { params: { path: { day } } }));
      void message.success(`已删除 ${day} 的录入，恢复原有安排`);
      await refresh();
    } catch (err) {
      showError(err);
    }
  }

  async function unmarkYear() {
    try {
      await call(api.DELETE('/api/v1/calendar/years/{year}', { params: { path: { year } } }));
      void message.success(`已撤销 ${year} 年的录入标记`);
      await refresh();
    } catch (err) {
      showError(err);
    }
  }

  // Clicking a day starts an entry for it (the administrator only).
  function pickDay(day: string) {
    rangeForm.setFieldsValue({ range: [dayjs(day), dayjs(day)] });
  }

  return (
    <>
      <PageHeader
        title="工作日历"
        section="系统管理"
        subTitle={
          isAdmin ? '法定节假日和调休按国务院办公厅通知计算，本县另行放假或调休的日期在此录入' : '计算工作日时限所用的节假日和调休安排，由系统管理员维护'
        }
        tags={
          cal && (
            <Space size={6}>
              {hasNational && <Tag color="green">已有国家安排</Tag>}
              {cal.entered && (
                <Tooltip title={`${formatTime(cal.entered.enteredAt)} 标记${cal.entered.note ? `：${cal.entered.note}` : ''}`}>
                  <Tag color="blue">已录入</Tag>
                </Tooltip>
              )}
              {!cal.yearHasData && <Tag color="orange">临时按周一至周五</Tag>}
            </Space>
          )
        }
        extra={
          <Space wrap>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              format="YYYY年"
              aria-label="年份"
              onChange={(d: Dayjs | null) => d && setParams(new URLSearchParams({ year: String(d.year()) }))}
            />
            {isAdmin && cal && !cal.entered && (
              <Button icon={<CheckCircleOutlined />} onClick={() => setEntering(true)}>
                标记本年国务院通知已录入
              </Button>
            )}
            {isAdmin && cal?.entered && (
              <Popconfirm
                title={`撤销 ${year} 年的录入标记？`}
                description={hasNational ? '该年仍按国家安排计算。' : '撤销后该年没有节假日数据的日期将重新按周一至周五临时计算。'}
                okText="撤销标记"
                cancelText="取消"
                onConfirm={() => unmarkYear()}
              >
                <Button icon={<RollbackOutlined />}>撤销标记</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />

      {cal?.warning && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={cal.warning} />}
      {cal && !cal.yearHasData && !cal.warning && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${year} 年尚无国务院节假日安排，日期暂按周一至周五计算（图中斜纹）。通知发布后请系统管理员录入放假和调休日期，并标记本年已录入。`}
        />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card variant="borderless" style={{ marginBottom: 16 }} title={`${year} 年`} extra={<Legend />}>
            {!cal ? (
              calendar.isError ? (
                <Empty description={calendar.error.message} />
              ) : (
                <Skeleton active paragraph={{ rows: 12 }} />
              )
            ) : (
              <div className="cal-year">
                {Array.from({ length: 12 }, (_, i) => (
                  <MonthGrid
                    key={i}
                    month={i + 1}
                    days={cal.days.filter((d) => Number(d.day.slice(5, 7)) === i + 1)}
                    today={today}
                    onPick={isAdmin ? pickDay : undefined}
                  />
                ))}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          {isAdmin && <OverrideCard form={rangeForm} onSaved={refresh} />}
          <Card title={`本县录入的日期（${overrides.data?.length ?? 0}）`} variant="borderless" style={{ marginBottom: 16 }}>
            <Table<Override>
              rowKey="day"
              size="small"
              loading={overrides.isPending}
              dataSource={overrides.data}
              pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年没有录入的日期" /> }}
              columns={[
                {
                  title: '日期',
                  dataIndex: 'day',
                  width: 96,
                  render: (d: string) => (
                    <span className="nowrap-time">
                      {d.slice(5)} {weekdayLabel(d)}
                    </span>
                  ),
                },
                {
                  title: '类型',
                  dataIndex: 'kind',
                  width: 88,
                  render: (k: Override['kind']) => <Tag color={k === 'off' ? 'red' : 'blue'}>{KIND_LABELS[k]}</Tag>,
                },
                { title: '名称', dataIndex: 'name', render: (n: string) => n || '—' },
                ...(isAdmin
                  ? [
                      {
                        title: '',
                        key: 'delete',
                        width: 44,
                        render: (_: unknown, o: Override) => (
                          <Popconfirm
                            title={`删除 ${o.day} 的录入？`}
                            description="删除后恢复国家安排或周一至周五。"
                            okText="删除"
                            okButtonProps={{ danger: true }}
                            cancelText="取消"
                            onConfirm={() => removeOverride(o.day)}
                          >
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${o.day}`} />
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <CalculatorCard today={today} />
        </Col>
      </Row>

      {entering && (
        <FormModal<{ note?: string }>
          title={`标记 ${year} 年国务院节假日安排已录入`}
          okText="标记已录入"
          width={520}
          onClose={() => setEntering(false)}
          onSubmit={async ({ note }) => {
            await call(api.POST('/api/v1/calendar/years/{year}', { params: { path: { year } }, body: { note: note?.trim() ?? '' } }));
            void message.success(`已标记 ${year} 年节假日安排录入完毕`);
            await refresh();
          }}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="请先把通知中的放假日期和调休上班日期逐段录入，再作此标记。标记后该年日期不再按周一至周五临时计算。"
          />
          <Form.Item name="note" label="通知文号或备注" extra="选填，最多 200 字">
            <Input maxLength={200} placeholder="如：国办发明电〔2026〕7号" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

function Legend() {
  return (
    <Space size={12} wrap className="cal-legend">
      <span>
        <span className="cal-swatch cal-day is-national is-off">休</span>法定节假日
      </span>
      <span>
        <span className="cal-swatch cal-day is-national is-work">班</span>调休上班
      </span>
      <span>
        <span className="cal-swatch cal-day is-override is-off">休</span>本县录入
      </span>
      <span>
        <span className="cal-swatch cal-day is-weekend" />
        周末
      </span>
      <span>
        <span className="cal-swatch cal-day is-provisional" />
        临时计算
      </span>
    </Space>
  );
}

// One month as a Monday-first grid: 休 on days off by notice or entry, 班 on adjusted working days.
function MonthGrid({ month, days, today, onPick }: { month: number; days: CalendarDay[]; today: string; onPick?: (day: string) => void }) {
  const first = days[0];
  if (!first) return null;
  const blanks = weekdayIndex(first.day);
  const named = holidayRuns(days);
  return (
    <div className="cal-month" data-month={month}>
      <div className="cal-month-title">{month}月</div>
      <div className="cal-grid">
        {WEEK_HEAD.map((w, i) => (
          <div key={w} className={`cal-head${i >= 5 ? ' is-weekend-head' : ''}`}>
            {w}
          </div>
        ))}
        {Array.from({ length: blanks }, (_, i) => (
          <div key={`b${i}`} />
        ))}
        {days.map((d) => {
          const special = d.source !== 'weekday';
          const mark = special ? (d.working ? '班' : '休') : null;
          const classes = [
            'cal-day',
            `is-${d.source}`,
            d.working ? 'is-work' : 'is-off',
            !special && !d.working ? 'is-weekend' : '',
            d.provisional ? 'is-provisional' : '',
            d.day === today ? 'is-today' : '',
            onPick ? 'is-pickable' : '',
          ]
            .filter(Boolean)
            .join(' ');
          const title = `${d.day} ${weekdayLabel(d.day)} · ${d.working ? '工作日' : '休息日'}${d.name ? ` · ${d.name}` : ''} · ${SOURCE_LABELS[d.source]}${d.provisional ? '（临时按周一至周五）' : ''}`;
          return (
            <div key={d.day} className={classes} title={title} data-day={d.day} onClick={onPick && (() => onPick(d.day))}>
              <span className="cal-num">{Number(d.day.slice(8))}</span>
              {mark && <span className="cal-mark">{mark}</span>}
            </div>
          );
        })}
      </div>
      <div className="cal-names">
        {named.map((r) => (
          <span key={r.from} className={`cal-name is-${r.source}${r.working ? ' is-work' : ''}`}>
            {r.name}
            {r.working ? '（班）' : ''} {Number(r.from.slice(8))}
            {r.to !== r.from ? `–${Number(r.to.slice(8))}` : ''}日
          </span>
        ))}
      </div>
    </div>
  );
}

// Consecutive days with the same name and status (春节 15–23日), for the line under each month.
function holidayRuns(days: CalendarDay[]) {
  const runs: { name: string; working: boolean; source: DaySource; from: string; to: string }[] = [];
  for (const d of days) {
    if (!d.name || d.source === 'weekday') continue;
    const last = runs.at(-1);
    const next = last && dayjs.utc(last.to).add(1, 'day').format('YYYY-MM-DD') === d.day;
    if (last && next && last.name === d.name && last.working === d.working && last.source === d.source) last.to = d.day;
    else runs.push({ name: d.name, working: d.working, source: d.source, from: d.day, to: d.day });
  }
  return runs;
}

interface OverrideFields {
  range: [Dayjs, Dayjs];
  kind: 'off' | 'work';
  name?: string;
}

function OverrideCard({ form, onSaved }: { form: FormInstance<OverrideFields>; onSaved: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(v: OverrideFields) {
    setSaving(true);
    setError(null);
    try {
      const from = v.range[0].format('YYYY-MM-DD');
      const to = v.range[1].format('YYYY-MM-DD');
      const { items } = await call(api.POST('/api/v1/calendar/overrides', { body: { from, to, kind: v.kind, name: v.name?.trim() ?? '' } }));
      void message.success(`已录入 ${items.length} 天为${KIND_LABELS[v.kind]}`);
      form.resetFields();
      await onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="录入放假或调休" variant="borderless" style={{ marginBottom: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Form<OverrideFields> form={form} name="override" layout="vertical" initialValues={{ kind: 'off' }} onFinish={save} autoComplete="off">
        <Form.Item name="range" label="日期" rules={[{ required: true, message: '请选择日期' }]} extra="一次最多 31 天；也可点击左侧日历中的日期">
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'off', label: '放假' },
              { value: 'work', label: '调休上班' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="名称">
          <Input maxLength={50} placeholder="如：春节、县庆放假" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
          录入
        </Button>
      </Form>
    </Card>
  );
}

interface CalcFields {
  from: Dayjs;
  days: number;
  kind: 'calendar' | 'working';
}

function CalculatorCard({ today }: { today: string }) {
  const [result, setResult] = useState<{ input: CalcFields; day: string; provisional: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function calculate(v: CalcFields) {
    setBusy(true);
    setError(null);
    try {
      const r = await call(api.POST('/api/v1/calendar/add', { body: { from: v.from.format('YYYY-MM-DD'), days: v.days, kind: v.kind } }));
      setResult({ input: v, ...r });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="日期推算" variant="borderless" style={{ marginBottom: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Form<CalcFields> name="calc" layout="vertical" initialValues={{ from: dayjs(today), days: 3, kind: 'working' }} onFinish={calculate} autoComplete="off">
        <Row gutter={12}>
          <Col span={13}>
            <Form.Item name="from" label="起算日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={11}>
            <Form.Item name="days" label="加" rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={0} max={366} precision={0} suffix="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Space align="start" wrap>
          <Form.Item name="kind" style={{ marginBottom: 0 }}>
            <Radio.Group
              options={[
                { value: 'working', label: '工作日' },
                { value: 'calendar', label: '自然日' },
              ]}
            />
          </Form.Item>
          <Button htmlType="submit" icon={<CalculatorOutlined />} loading={busy}>
            计算
          </Button>
        </Space>
      </Form>
      {result && (
        <div className="cal-calc-result">
          <div>
            {result.input.from.format('YYYY-MM-DD')} 起 {result.input.days} 个{result.input.kind === 'working' ? '工作日' : '自然日'}后：
          </div>
          <Typography.Text strong className="cal-calc-day">
            {result.day} {weekdayLabel(result.day)}
          </Typography.Text>
          {result.provisional && (
            <div>
              <Typography.Text type="warning">途经的日期尚无节假日安排，按周一至周五临时计算</Typography.Text>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
