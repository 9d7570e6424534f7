import { CheckCircleOutlined, DeleteOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, Popconfirm, Row, Skeleton, Space, Table, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { hasRole, useCurrentUser } from '../session';
import { useServerToday } from '../tasks';
import { formatTime } from '../time';
import { CALENDAR_KEY, KIND_LABELS, weekdayLabel, Legend, MonthGrid } from './calendar/MonthGrid';
import { type OverrideFields, OverrideCard, CalculatorCard } from './calendar/CalendarTools';

type Override = Schemas['CalendarOverride'];

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
