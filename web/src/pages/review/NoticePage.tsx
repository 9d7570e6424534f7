import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { REVIEW_GROUP_LABELS, REVIEW_GROUPS, type ReviewGroup } from '@shared/labels';
import { api, apiUrl, call, type Schemas } from '../../api';
import { Chart } from '../../components/Chart';
import { PageHeader } from '../../components/PageHeader';
import { hasRole, useCurrentUser } from '../../session';
import { formatTime } from '../../time';

type Notice = Schemas['MonthNotice'];
type Row = Notice['rows'][number];
type Paragraphs = Notice['paragraphs'];

const KEYS = ['opening', 'problems', 'requirements'] as const;
const LABELS: Record<(typeof KEYS)[number], string> = { opening: '开头（总体情况）', problems: '存在问题', requirements: '下步要求' };
const rate = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const ROW = 26;

export default function NoticePage() {
  const me = useCurrentUser();
  const manager = hasRole(me, 'office') || hasRole(me, 'assessment');
  const [params, setParams] = useSearchParams();
  const published = useQuery({ queryKey: ['reviews', 'published'], queryFn: () => call(api.GET('/api/v1/reviews/published')) });
  const latest = published.data?.items[0]?.period;
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period')! : latest;
  const notice = useQuery({
    queryKey: ['notice', period],
    queryFn: () => call(api.GET('/api/v1/reviews/{period}/notice', { params: { path: { period: period! } } })),
    enabled: !!period,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const data = notice.data;
  const editable = manager && data?.status === 'draft';

  return (
    <>
      <PageHeader
        title="月度通报"
        section="考核评价"
        subTitle="已发布月份的点评结果：总体情况、分组排名、末位表态、抽签述职、逾期和挂单事项；督查室编辑正文后印发，下载为公文格式的 Word 文档"
        tags={
          data && (
            <Space>
              {data.status === 'issued' ? (
                <Tag color="green">已印发 {data.issuedAt ? formatTime(data.issuedAt) : ''}</Tag>
              ) : (
                <Tag color="orange">征求意见稿（未印发）</Tag>
              )}
              <Tag>{data.issueNumber}</Tag>
            </Space>
          )
        }
        extra={
          <Space>
            <DatePicker
              picker="month"
              format="YYYY年MM月"
              allowClear={false}
              value={period ? dayjs(`${period}-01`) : null}
              onChange={(d) => setParams(d ? { period: d.format('YYYY-MM') } : {})}
            />
            {data && (
              <Button href={apiUrl('/api/v1/reviews/{period}/notice.docx', { period: data.period })} download>
                下载通报（Word）
              </Button>
            )}
          </Space>
        }
      />
      {published.data && !latest && !params.get('period') && <Empty description="还没有已发布的月点评，发布后才能编制通报" />}
      {notice.isError && <Alert type="warning" showIcon message={(notice.error as Error).message} style={{ marginBottom: 16 }} />}
      {data && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Overview notice={data} />
          <Narrative key={`${data.period}-${data.version}`} notice={data} editable={editable} />
          <Charts notice={data} />
          <Ranking notice={data} />
          <BottomAndLottery notice={data} />
          <Items notice={data} />
          <Categories notice={data} />
        </Space>
      )}
    </>
  );
}

function Overview({ notice }: { notice: Notice }) {
  const o = notice.overview;
  return (
    <Card title={`${notice.title}`} size="small" extra={<Typography.Text type="secondary">{notice.office}</Typography.Text>}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="参评单位" value={o.units} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="交办事项" value={o.issued} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="已销号" value={o.closedOnTime + o.closedLate} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="完成率" value={rate(o.closeRate)} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="按时完成率" value={rate(o.onTimeRate)} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="逾期未完成" value={o.overdue} valueStyle={o.overdue ? { color: '#cf1322' } : undefined} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="挂单" value={o.carried} />
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Statistic title="逾期销号" value={o.closedLate} />
        </Col>
      </Row>
    </Card>
  );
}

function Narrative({ notice, editable }: { notice: Notice; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState<Paragraphs>(notice.paragraphs);
  const [busy, setBusy] = useState(false);
  const dirty = KEYS.some((k) => text[k] !== notice.paragraphs[k]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notice', notice.period] });

  const put = () =>
    call(api.PUT('/api/v1/reviews/{period}/notice', { params: { path: { period: notice.period } }, body: { version: notice.version, ...text } }));
  // Saves first when the text changed, so what is issued is what the editor shows.
  const run = async (issue: boolean) => {
    setBusy(true);
    try {
      const version = dirty ? (await put()).version : notice.version;
      if (issue) await call(api.POST('/api/v1/reviews/{period}/notice/issue', { params: { path: { period: notice.period } }, body: { version } }));
      void message.success(issue ? '通报已印发' : '通报正文已保存');
      await refresh();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="通报正文"
      size="small"
      extra={
        editable && (
          <Space>
            <Button onClick={() => setText(notice.defaults)} disabled={busy}>
              按本月数据重新生成
            </Button>
            <Button type="primary" ghost onClick={() => void run(false)} loading={busy} disabled={!dirty}>
              保存正文
            </Button>
            <Popconfirm title="印发后正文和所列事项冻结，不能再修改。确定印发？" okText="印发" cancelText="取消" onConfirm={() => run(true)}>
              <Button type="primary" loading={busy}>
                印发通报
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {editable ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            每行为一段；“存在问题”和“下步要求”按“一是……二是……”分行书写。表格、图表和事项清单由系统按本月数据生成。
          </Typography.Text>
          {KEYS.map((k) => (
            <div key={k}>
              <Typography.Text strong>{LABELS[k]}</Typography.Text>
              <Input.TextArea
                aria-label={LABELS[k]}
                value={text[k]}
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={4000}
                onChange={(e) => setText({ ...text, [k]: e.target.value })}
              />
            </div>
          ))}
        </Space>
      ) : (
        <Descriptions column={1} bordered size="small">
          {KEYS.map((k) => (
            <Descriptions.Item key={k} label={LABELS[k]}>
              {notice.paragraphs[k].split('\n').map((line, i) => (
                <Typography.Paragraph key={i} style={{ marginBottom: 4 }}>
                  {line}
                </Typography.Paragraph>
              ))}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}

function Charts({ notice }: { notice: Notice }) {
  const bottom = useMemo(() => new Set(notice.bottom.flatMap((b) => b.confirmed.map((u) => u.unitId))), [notice]);
  return (
    <Row gutter={16}>
      {REVIEW_GROUPS.map((g) => {
        // As in the document: units with work or a score other than zero (the rest all score 0).
        const rows = notice.rows.filter((r) => r.group === g && (r.issued > 0 || r.score !== 0));
        const worked = rows.filter((r) => r.issued > 0);
        const hidden = notice.rows.filter((r) => r.group === g).length - rows.length;
        return (
          <Col key={g} xs={24} xl={12}>
            <Card
              title={`${REVIEW_GROUP_LABELS[g]}得分`}
              size="small"
              style={{ marginBottom: 16 }}
              extra={hidden > 0 && <Typography.Text type="secondary">另有 {hidden} 个单位无交办事项，得分为 0</Typography.Text>}
            >
              {rows.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本组没有交办事项" />
              ) : (
                <Chart
                  label={`${REVIEW_GROUP_LABELS[g]}各单位得分`}
                  height={Math.max(160, rows.length * ROW + 24)}
                  option={{
                    grid: { left: 4, right: 48, top: 4, bottom: 4 },
                    tooltip: { trigger: 'axis' },
                    xAxis: { type: 'value' },
                    yAxis: {
                      type: 'category',
                      inverse: true,
                      data: rows.map((r) => `${r.rank}. ${r.unitName}`),
                      axisLabel: { width: 140, overflow: 'truncate' },
                    },
                    series: [
                      {
                        type: 'bar',
                        name: '得分',
                        barMaxWidth: 16,
                        data: rows.map((r) => ({ value: r.score, itemStyle: { color: bottom.has(r.unitId) ? '#c8161d' : '#1f5fbf' } })),
                        label: { show: true, position: 'right', fontSize: 12 },
                      },
                    ],
                  }}
                />
              )}
            </Card>
            <Card title={`${REVIEW_GROUP_LABELS[g]}完成率与按时完成率`} size="small" style={{ marginBottom: 16 }}>
              {worked.length ? (
                <Chart
                  label={`${REVIEW_GROUP_LABELS[g]}各单位完成率与按时完成率`}
                  height={Math.max(180, worked.length * (ROW + 8) + 40)}
                  option={{
                    grid: { left: 4, right: 48, top: 32, bottom: 4 },
                    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
                    legend: { top: 0 },
                    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
                    yAxis: { type: 'category', inverse: true, data: worked.map((r) => r.unitName), axisLabel: { width: 140, overflow: 'truncate' } },
                    series: [
                      { type: 'bar', name: '完成率', barMaxWidth: 10, itemStyle: { color: '#2e8b57' }, data: worked.map((r) => r.closeRate ?? 0) },
                      { type: 'bar', name: '按时完成率', barMaxWidth: 10, itemStyle: { color: '#d48806' }, data: worked.map((r) => r.onTimeRate ?? 0) },
                    ],
                  }}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本组没有交办事项" />
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function Ranking({ notice }: { notice: Notice }) {
  const columns: TableColumnsType<Row> = [
    { title: '名次', dataIndex: 'rank', width: 70, align: 'center' },
    { title: '单位', dataIndex: 'unitName' },
    { title: '得分', dataIndex: 'score', align: 'right', render: (v: number) => v.toFixed(2) },
    { title: '交办', dataIndex: 'issued', align: 'right' },
    { title: '按时销号', dataIndex: 'closedOnTime', align: 'right' },
    { title: '逾期销号', dataIndex: 'closedLate', align: 'right' },
    { title: '逾期未完成', dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    { title: '挂单', dataIndex: 'carried', align: 'right' },
  ];
  return (
    <Row gutter={16}>
      {REVIEW_GROUPS.map((g: ReviewGroup) => (
        <Col key={g} xs={24} xl={12}>
          <Card
            title={`${REVIEW_GROUP_LABELS[g]}排名`}
            size="small"
            extra={<Link to={`/reviews?period=${notice.period}`}>月点评明细</Link>}
            style={{ marginBottom: 16 }}
          >
            <Table<Row>
              rowKey="unitId"
              size="small"
              columns={columns}
              dataSource={notice.rows.filter((r) => r.group === g)}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 个单位` }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function BottomAndLottery({ notice }: { notice: Notice }) {
  return (
    <Card title="末位表态和抽签述职" size="small">
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        {REVIEW_GROUPS.map((g) => (
          <Descriptions.Item key={`b-${g}`} label={`${REVIEW_GROUP_LABELS[g]}末位表态`}>
            {notice.bottom
              .find((b) => b.group === g)
              ?.confirmed.map((u) => u.unitName)
              .join('、') || '无'}
          </Descriptions.Item>
        ))}
        {REVIEW_GROUPS.map((g) => (
          <Descriptions.Item key={`d-${g}`} label={`${REVIEW_GROUP_LABELS[g]}抽签述职`}>
            {notice.drawn
              .filter((d) => d.group === g)
              .map((d) => d.unitName)
              .join('、') || '未抽签'}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

interface ItemRow {
  key: string;
  unitName: string;
  taskId: number;
  title: string;
  deadline: string;
  state: string;
}

function Items({ notice }: { notice: Notice }) {
  // One row per item, as the document lists them: a task overdue and carried says both.
  const rows: ItemRow[] = notice.items.flatMap((u) => {
    const carried = new Set(u.carried.map((i) => i.taskId));
    const overdue = new Set(u.overdue.map((i) => i.taskId));
    const row = (i: (typeof u.overdue)[number], state: string) => ({
      key: String(i.taskId),
      unitName: u.unitName,
      taskId: i.taskId,
      title: i.title,
      deadline: i.deadline,
      state,
    });
    return [
      ...u.overdue.map((i) => row(i, `逾期 ${i.overdueDays} 天${carried.has(i.taskId) ? '，挂单' : ''}`)),
      ...u.carried.filter((i) => !overdue.has(i.taskId)).map((i) => row(i, '挂单转下月')),
    ];
  });
  return (
    <Card title={`逾期未完成和挂单事项（${rows.length}）`} size="small">
      <Table<ItemRow>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '责任单位', dataIndex: 'unitName', width: 180 },
          { title: '事项', dataIndex: 'title', render: (t: string, r) => <Link to={`/tasks/${r.taskId}`}>{t}</Link> },
          { title: '完成时限', dataIndex: 'deadline', width: 120 },
          { title: '情况', dataIndex: 'state', width: 120, render: (s: string) => <Tag color={s.startsWith('逾期') ? 'red' : 'orange'}>{s}</Tag> },
        ]}
      />
    </Card>
  );
}

function Categories({ notice }: { notice: Notice }) {
  return (
    <Card title="专项工作情况" size="small">
      <Table
        rowKey="categoryId"
        size="small"
        dataSource={notice.categories}
        pagination={false}
        scroll={{ x: 'max-content' }}
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
    </Card>
  );
}
