import { CheckCircleFilled, CloseCircleFilled, DesktopOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, DatePicker, Descriptions, Form, InputNumber, Popover, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../api';
import { ErrorAlert, useShowError } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';
import { LOTTERY_STATE_LABELS, REVIEW_GROUP_LABELS, REVIEW_GROUPS } from '../labels';
import { ALGORITHM_TEXT, DRAWS_KEY, fetchDraws, LOTTERY_SETTINGS_KEY, monthText, type Draw, type LotterySettings } from '../lottery';
import { usePhone } from '../phone';
import { hasRole, useCurrentUser } from '../session';
import './lottery.css';
import { useServerToday } from '../tasks';
import { formatTime } from '../time';

export function VerifiedBadge({ draw }: { draw: Draw }) {
  const v = draw.verification;
  if (!v.ok)
    return (
      <Popover title="校验不符" content={v.problems.join('；')}>
        <Tag color="red" icon={<CloseCircleFilled />}>
          校验不符
        </Tag>
      </Popover>
    );
  return draw.state === 'drawn' ? (
    <Tag color="green" icon={<CheckCircleFilled />}>
      已校验
    </Tag>
  ) : (
    <Tag color="blue" icon={<SafetyCertificateOutlined />}>
      承诺值已公布
    </Tag>
  );
}

function CandidateList({ draw }: { draw: Draw }) {
  return (
    <Space orientation="vertical" size={2}>
      {REVIEW_GROUPS.map((g) => {
        const names = draw.candidates.filter((c) => c.group === g).map((c) => c.unitName);
        return (
          <Popover
            key={g}
            title={`${REVIEW_GROUP_LABELS[g]}候选（${names.length} 个）`}
            content={<div className="lottery-popover">{names.join('、') || '无'}</div>}
          >
            <Typography.Link>
              {REVIEW_GROUP_LABELS[g]} {names.length} 个，抽 {g === 'town' ? draw.towns : draw.countyUnits} 个
            </Typography.Link>
          </Popover>
        );
      })}
    </Space>
  );
}

function ResultList({ draw }: { draw: Draw }) {
  if (!draw.result) return <Typography.Text type="secondary">待会上抽签</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {REVIEW_GROUPS.map((g) => (
        <div key={g}>
          <Typography.Text type="secondary">{REVIEW_GROUP_LABELS[g]}：</Typography.Text>
          {draw
            .result!.filter((r) => r.group === g)
            .map((r) => (
              <Tag key={r.unitId} color={g === 'town' ? 'volcano' : 'geekblue'}>
                {r.unitName}
              </Tag>
            ))}
        </div>
      ))}
    </Space>
  );
}

function DrawDetails({ draw }: { draw: Draw }) {
  return (
    <Descriptions size="small" column={1} bordered className="lottery-details">
      <Descriptions.Item label="承诺值（抽签前公布）">
        <Typography.Text code copyable>
          {draw.commitment}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="种子（抽签时公开）">
        {draw.seed ? (
          <Typography.Text code copyable>
            {draw.seed}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">抽签前保密</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="现场公开数字">{draw.state === 'drawn' ? draw.publicInput || '（未填）' : '—'}</Descriptions.Item>
      <Descriptions.Item label="回避">前 {draw.excludeMonths} 个月已抽中的单位不作为候选</Descriptions.Item>
      <Descriptions.Item label="公布">
        {formatTime(draw.committedAt)} {draw.committedBy}
      </Descriptions.Item>
      {draw.drawnAt && (
        <Descriptions.Item label="抽签">
          {formatTime(draw.drawnAt)} {draw.drawnBy}
        </Descriptions.Item>
      )}
      <Descriptions.Item label="校验">
        {draw.verification.ok ? '按保存的种子和候选名单重新计算，承诺值' + (draw.result ? '和抽签结果均一致' : '一致') : draw.verification.problems.join('；')}
        <Typography.Text type="secondary">（命令行：npm run lottery:verify -- {draw.id}）</Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

function SettingsCard({ office }: { office: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const settings = useQuery({ queryKey: LOTTERY_SETTINGS_KEY, queryFn: () => call(api.GET('/api/v1/lottery/settings')) });
  const [form] = Form.useForm<LotterySettings>();
  const save = useMutation({
    mutationFn: (values: LotterySettings) => call(api.PUT('/api/v1/lottery/settings', { body: { ...values, version: settings.data!.version } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(LOTTERY_SETTINGS_KEY, saved);
      void message.success('抽签设置已保存，自下次公布候选名单起生效');
    },
    onError: showError,
  });
  if (!settings.data) return <Card title="抽签设置" loading />;
  const s = settings.data;
  return (
    <Card title="抽签设置" size="small">
      {office ? (
        <Form form={form} layout="inline" initialValues={s} key={s.version} onFinish={(v) => save.mutate(v)}>
          <Form.Item label="每月抽乡镇（街道）" name="towns" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={20} precision={0} addonAfter="个" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="县直单位" name="countyUnits" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={20} precision={0} addonAfter="个" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="回避" name="excludeMonths" rules={[{ required: true, message: '请填写' }]} tooltip="前 N 个月已抽中的单位不作为候选">
            <InputNumber min={0} max={24} precision={0} addonAfter="个月" style={{ width: 120 }} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form>
      ) : (
        <Typography.Text>
          每月抽取乡镇（街道）{s.towns} 个、县直单位 {s.countyUnits} 个；前 {s.excludeMonths} 个月已抽中的单位不作为候选。
        </Typography.Text>
      )}
    </Card>
  );
}

function CommitCard({ draws }: { draws: Draw[] }) {
  const today = useServerToday();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [month, setMonth] = useState(() => dayjs(today).format('YYYY-MM'));
  const [error, setError] = useState<unknown>(null);
  const taken = draws.some((d) => d.period === month);
  const commit = useMutation({
    mutationFn: () => call(api.POST('/api/v1/lottery/months/{period}/commit', { params: { path: { period: month } } })),
    onSuccess: (draw) => {
      setError(null);
      void queryClient.invalidateQueries({ queryKey: DRAWS_KEY });
      void message.success(`${monthText(draw.period)}候选名单和承诺值已公布`);
    },
    onError: setError,
  });
  return (
    <Card title="第一步：会前公布候选名单和承诺值" size="small">
      {error ? <ErrorAlert error={error} /> : null}
      <Space wrap>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button
          type="primary"
          disabled={taken}
          loading={commit.isPending}
          onClick={() =>
            modal.confirm({
              title: `公布${monthText(month)}抽签候选名单？`,
              content: '候选名单将按当前在册单位和回避规则冻结，并生成保密种子、公布承诺值。公布后不能修改或重复公布。',
              okText: '公布',
              onOk: () => commit.mutateAsync().catch(() => undefined),
            })
          }
        >
          公布候选名单
        </Button>
        {taken && <Typography.Text type="secondary">{monthText(month)}已公布</Typography.Text>}
      </Space>
    </Card>
  );
}

// On a phone each month is a card: its result first, then its candidates.
function DrawCard({ draw, office }: { draw: Draw; office: boolean }) {
  return (
    <Card
      size="small"
      className="lottery-card"
      title={monthText(draw.period)}
      extra={<Tag color={draw.state === 'drawn' ? 'green' : 'gold'}>{LOTTERY_STATE_LABELS[draw.state]}</Tag>}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <ResultList draw={draw} />
        <CandidateList draw={draw} />
        <Space wrap>
          <VerifiedBadge draw={draw} />
          <Link to={`/lottery/${draw.id}/screen`}>
            <DesktopOutlined /> {draw.state === 'committed' && office ? '会场抽签' : '会场大屏'}
          </Link>
        </Space>
      </Space>
    </Card>
  );
}

export default function LotteryPage() {
  const phone = usePhone();
  const me = useCurrentUser();
  const office = hasRole(me, 'office');
  const draws = useQuery({ queryKey: DRAWS_KEY, queryFn: fetchDraws });

  const columns: TableColumnsType<Draw> = [
    { title: '月份', dataIndex: 'period', width: 110, render: (p: string) => <Typography.Text strong>{monthText(p)}</Typography.Text> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 130,
      render: (s: Draw['state']) => <Tag color={s === 'drawn' ? 'green' : 'gold'}>{LOTTERY_STATE_LABELS[s]}</Tag>,
    },
    { title: '候选', key: 'candidates', width: 220, render: (_, d) => <CandidateList draw={d} /> },
    { title: '抽中单位', key: 'result', render: (_, d) => <ResultList draw={d} /> },
    { title: '校验', key: 'verified', width: 130, render: (_, d) => <VerifiedBadge draw={d} /> },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, d) => (
        <Link to={`/lottery/${d.id}/screen`}>
          <DesktopOutlined /> {d.state === 'committed' && office ? '会场抽签' : '会场大屏'}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="抽签述职"
        section="考核评价"
        subTitle="每月从乡镇（街道）和县直单位中随机抽取单位在县委常委扩大会议上述职；候选名单和承诺值会前公布，抽签可由任何人重新计算校验"
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <SettingsCard office={office} />
        {office && <CommitCard draws={draws.data ?? []} />}
        {draws.error ? <ErrorAlert error={draws.error} /> : null}
        {phone ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {(draws.data ?? []).map((d) => (
              <DrawCard key={d.id} draw={d} office={office} />
            ))}
            {draws.data?.length === 0 && <Typography.Text type="secondary">还没有抽签记录</Typography.Text>}
          </Space>
        ) : (
          <Table<Draw>
            rowKey="id"
            columns={columns}
            dataSource={draws.data}
            loading={draws.isPending}
            pagination={false}
            expandable={{ expandedRowRender: (d) => <DrawDetails draw={d} /> }}
            locale={{ emptyText: '还没有抽签记录' }}
            scroll={{ x: 900 }}
          />
        )}
        <Collapse
          size="small"
          items={[
            {
              key: 'how',
              label: '抽签怎样保证公平、可核验',
              children: (
                <ol className="lottery-how">
                  {ALGORITHM_TEXT.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ol>
              ),
            },
          ]}
        />
      </Space>
    </>
  );
}
