import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Empty, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../api';
import { PageHeader } from '../components/PageHeader';
import { useServerToday } from '../tasks';
import { formatTime } from '../time';

type UnitFigures = Schemas['UnitMonthFigures'];
type Figures = Schemas['MonthFigures'];

const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

// The figures' definitions (docs/figures.md), shown on each column's header.
const COLUMNS: { key: keyof Figures; title: string; tip: string }[] = [
  { key: 'issued', title: '交办', tip: '本月计划的事项和挂单转入本月的事项，不含草稿和已撤销的' },
  { key: 'closedOnTime', title: '按时销号', tip: '月末前销号，且销号申请在完成时限内提交' },
  { key: 'closedLate', title: '逾期销号', tip: '月末前销号，但销号申请晚于完成时限提交' },
  { key: 'overdue', title: '逾期未完成', tip: '月末仍未销号且已过完成时限（本月尚未结束时：时限在今天之前）；暂缓和退回交办的不计' },
  { key: 'carried', title: '挂单', tip: '本月未完成、挂单转入下月的事项' },
  { key: 'closeRate', title: '完成率', tip: '（按时销号＋逾期销号）÷ 交办' },
  { key: 'onTimeRate', title: '按时完成率', tip: '按时销号 ÷ 交办' },
];

export default function FiguresPage() {
  const today = useServerToday();
  const [params, setParams] = useSearchParams();
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period')! : today.slice(0, 7);

  const figures = useQuery({
    queryKey: ['figures', 'monthly', period],
    queryFn: () => call(api.GET('/api/v1/figures/monthly', { params: { query: { period } } })),
    placeholderData: keepPreviousData,
  });
  const data = figures.data;

  const columns: TableColumnsType<UnitFigures> = [
    {
      title: '牵头单位',
      dataIndex: 'unitName',
      render: (name: string, u) => (
        <Tooltip title="在工作台账中查看该单位本月的事项（含其配合的事项）">
          <Link to={`/tasks?period=${period}&unitId=${u.unitId}`}>{name}</Link>
        </Tooltip>
      ),
    },
    ...COLUMNS.map((c) => ({
      title: <Tooltip title={c.tip}>{c.title}</Tooltip>,
      dataIndex: c.key,
      align: 'right' as const,
      render: (v: number | null) => (c.key === 'closeRate' || c.key === 'onTimeRate' ? rate(v) : v),
    })),
  ];

  const status = !data ? null : data.frozen ? (
    <Tag color="blue">已冻结 {data.frozenAt ? formatTime(data.frozenAt) : ''}</Tag>
  ) : data.ended ? (
    <Tag color="orange">待冻结（实时统计）</Tag>
  ) : (
    <Tag color="green">本月进行中（实时统计）</Tag>
  );

  return (
    <>
      <PageHeader
        title="月度指标"
        section="督查督办"
        subTitle="各牵头单位每月的交办、销号、逾期和挂单；月份结束后冻结，此后的办理不再改变该月指标"
        tags={status}
        extra={
          <DatePicker
            picker="month"
            format="YYYY年MM月"
            allowClear={false}
            value={dayjs(`${period}-01`)}
            onChange={(d) => setParams(d ? { period: d.format('YYYY-MM') } : {})}
          />
        }
      />
      {figures.isError && <Alert type="error" showIcon message="月度指标加载失败，请稍后重试" style={{ marginBottom: 16 }} />}
      <Card>
        <Table<UnitFigures>
          rowKey="unitId"
          size="middle"
          loading={figures.isFetching}
          columns={columns}
          dataSource={data?.units ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="该月没有交办事项" /> }}
          summary={() =>
            data && data.units.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{data.county ? '全县合计' : '合计'}</Typography.Text>
                </Table.Summary.Cell>
                {COLUMNS.map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                    <Typography.Text strong>{c.key === 'closeRate' || c.key === 'onTimeRate' ? rate(data.total[c.key]) : data.total[c.key]}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
        <Space style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">
            单位按牵头单位统计，分解的子事项不重复计入；各项定义见表头提示。{data && !data.county && '合计为您可见单位的合计。'}
          </Typography.Text>
        </Space>
      </Card>
    </>
  );
}
