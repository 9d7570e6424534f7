import { CheckOutlined, LockOutlined, PlusOutlined, SettingOutlined, StarFilled } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type FormInstance,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, call } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { PersonSelect } from '../../components/PersonSelect';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { STAR_DECISION_METHOD_LABELS, STAR_KIND_LABELS, STAR_STATUS_LABELS, type StarKind } from '../../labels';
import { usePhone } from '../../phone';
import { hasRole, useCurrentUser } from '../../session';
import { useServerToday } from '../../tasks';
import { subtreeIds, useUnits } from '../../units';
import { formatDate } from '../../time';
import { monthText, type Nomination, previousMonth, STAR_STATUS_COLORS, type StarMonth, voteText } from './stars';

const monthKey = (period: string) => ['stars', 'month', period];

interface NominateFields {
  kind: StarKind;
  unitId: number | null;
  personId: number | null;
  citation: string;
  evidence: string;
}

export default function StarsPage() {
  const me = useCurrentUser();
  const phone = usePhone();
  const today = useServerToday();
  const current = today.slice(0, 7);
  const [period, setPeriod] = useState(current);
  const isOffice = hasRole(me, 'office');
  const canNominate = isOffice || hasRole(me, 'leader', 'unit_head', 'unit_liaison');
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<
    { kind: 'nominate' } | { kind: 'settings' } | { kind: 'reject'; n: Nomination } | { kind: 'decide'; n: Nomination } | { kind: 'close' } | null
  >(null);
  const showError = useShowError();

  const months = useQuery({ queryKey: ['stars', 'months'], queryFn: () => call(api.GET('/api/v1/stars/months')) });
  const month = useQuery({ queryKey: monthKey(period), queryFn: () => call(api.GET('/api/v1/stars/months/{period}', { params: { path: { period } } })) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['stars'] });

  const periods = [...new Set([current, previousMonth(current), ...(months.data?.items ?? []).map((m) => m.period)])].sort().reverse();
  const data: StarMonth | undefined = month.data;
  const open = data !== undefined && !data.closed;

  async function doShortlist(n: Nomination) {
    try {
      await call(api.POST('/api/v1/stars/nominations/{id}/shortlist', { params: { path: { id: n.id } }, body: { version: n.version } }));
      await refresh();
    } catch (err) {
      showError(err);
    }
  }

  const columns: TableColumnsType<Nomination> = [
    {
      title: '类别',
      dataIndex: 'kind',
      width: 100,
      render: (k: StarKind) => <Tag color={k === 'unit' ? 'volcano' : 'geekblue'}>{STAR_KIND_LABELS[k]}</Tag>,
    },
    {
      title: '单位 / 干部',
      key: 'who',
      width: 200,
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{n.kind === 'cadre' ? n.personName : n.unitName}</Typography.Text>
          {n.kind === 'cadre' && (
            <Typography.Text type="secondary">
              {n.unitName}
              {n.personTitle ? ` · ${n.personTitle}` : ''}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '事迹',
      dataIndex: 'citation',
      render: (c: string, n) => (
        <Space orientation="vertical" size={0}>
          <span>{c}</span>
          <Typography.Text type="secondary">佐证：{n.evidence}</Typography.Text>
        </Space>
      ),
    },
    { title: '推荐', key: 'by', width: 160, render: (_, n) => `${n.nominatorName} ${formatDate(n.nominatedAt)}` },
    {
      title: '状态',
      key: 'status',
      width: 220,
      render: (_, n) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STAR_STATUS_COLORS[n.status]} icon={n.status === 'awarded' ? <StarFilled /> : undefined}>
            {STAR_STATUS_LABELS[n.status]}
          </Tag>
          {n.reviewReason && <Typography.Text type="secondary">理由：{n.reviewReason}</Typography.Text>}
          {n.method && <Typography.Text type="secondary">{voteText(n)}</Typography.Text>}
          {n.decisionNote && <Typography.Text type="secondary">{n.decisionNote}</Typography.Text>}
        </Space>
      ),
    },
  ];
  if (isOffice && open)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, n) => (
        <Space size={0} wrap>
          {n.status === 'nominated' && (
            <Button type="link" size="small" onClick={() => void doShortlist(n)}>
              入围
            </Button>
          )}
          {(n.status === 'nominated' || n.status === 'shortlisted') && (
            <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'reject', n })}>
              不予入围
            </Button>
          )}
          {n.status === 'shortlisted' && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'decide', n })}>
              评定
            </Button>
          )}
        </Space>
      ),
    });

  const limits = data?.settings;
  return (
    <>
      <PageHeader
        title="单位之星 · 干部之星"
        section="考核评价"
        subTitle="每月评选：单位推荐本单位或本单位干部，县领导推荐分管单位或其干部，督查室审核入围，县委常委扩大会议研究或投票表决评定"
        extra={
          <Space wrap>
            <Select
              value={period}
              onChange={setPeriod}
              style={{ width: 140 }}
              options={periods.map((p) => ({ value: p, label: monthText(p) }))}
              aria-label="月份"
            />
            {canNominate && open && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'nominate' })}>
                推荐之星
              </Button>
            )}
            {isOffice && open && (data?.items.length ?? 0) > 0 && (
              <Button icon={<LockOutlined />} onClick={() => setDialog({ kind: 'close' })}>
                定案
              </Button>
            )}
            {isOffice && (
              <Button icon={<SettingOutlined />} onClick={() => setDialog({ kind: 'settings' })}>
                评星设置
              </Button>
            )}
          </Space>
        }
      />
      {data && limits && (
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Space size={phone ? 16 : 48} wrap>
            <Statistic title="单位之星（已评 / 上限）" value={data.awarded.unit} suffix={`/ ${limits.unitStarLimit}`} />
            <Statistic title="干部之星（已评 / 上限）" value={data.awarded.cadre} suffix={`/ ${limits.cadreStarLimit}`} />
            <Statistic title="推荐" value={data.items.length} suffix="项" />
            <div>
              {data.closed ? (
                <Tag color="green" icon={<CheckOutlined />}>
                  已定案 {data.closedAt ? formatDate(data.closedAt) : ''}
                </Tag>
              ) : (
                <Tag color="blue">评选中</Tag>
              )}
            </div>
          </Space>
        </Card>
      )}
      {phone ? (
        <List
          loading={month.isFetching}
          dataSource={data?.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月暂无推荐" /> }}
          renderItem={(n) => (
            <Card key={n.id} size="small" className="star-card" style={{ marginBottom: 12 }} data-testid="star-card">
              <Space wrap style={{ marginBottom: 4 }}>
                <Tag color={n.kind === 'unit' ? 'volcano' : 'geekblue'}>{STAR_KIND_LABELS[n.kind]}</Tag>
                <Typography.Text strong>{n.kind === 'cadre' ? `${n.personName}（${n.unitName}）` : n.unitName}</Typography.Text>
                <Tag color={STAR_STATUS_COLORS[n.status]} icon={n.status === 'awarded' ? <StarFilled /> : undefined}>
                  {STAR_STATUS_LABELS[n.status]}
                </Tag>
              </Space>
              <div>{n.citation}</div>
              <Typography.Text type="secondary">佐证：{n.evidence}</Typography.Text>
              {n.reviewReason && <div className="star-card-note">理由：{n.reviewReason}</div>}
              {n.method && <div className="star-card-note">{voteText(n)}</div>}
            </Card>
          )}
        />
      ) : (
        <Card variant="borderless">
          <Table<Nomination>
            rowKey="id"
            size={phone ? 'small' : 'middle'}
            loading={month.isFetching}
            dataSource={data?.items}
            columns={columns}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月暂无推荐" /> }}
          />
        </Card>
      )}
      {dialog?.kind === 'nominate' && <NominateModal period={period} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog?.kind === 'settings' && limits && <SettingsModal settings={limits} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog?.kind === 'reject' && (
        <FormModal<{ reason: string }>
          title={`不予入围：${dialog.n.kind === 'cadre' ? dialog.n.personName : dialog.n.unitName}`}
          okText="不予入围"
          danger
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await call(
              api.POST('/api/v1/stars/nominations/{id}/reject', {
                params: { path: { id: dialog.n.id } },
                body: { version: dialog.n.version, reason: v.reason },
              }),
            );
            await refresh();
          }}
        >
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写不予入围的理由' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'decide' && <DecideModal n={dialog.n} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog?.kind === 'close' && (
        <FormModal<object>
          title={`${monthText(period)}评星定案`}
          okText="定案"
          onClose={() => setDialog(null)}
          onSubmit={async () => {
            await call(api.POST('/api/v1/stars/months/{period}/close', { params: { path: { period } } }));
            await refresh();
          }}
        >
          <Alert type="warning" showIcon title="定案后本月不能再推荐、入围或评定，获评名单计入本月月点评得分。" />
        </FormModal>
      )}
    </>
  );
}

// Who the form lets the user pick: the office any unit, a county leader the units of their portfolio and those below
// them, a unit's head or liaison their own unit (shown, not picked).
function usePortfolio(): ReadonlySet<number> | undefined {
  const me = useCurrentUser();
  const leader = hasRole(me, 'leader') && !hasRole(me, 'office');
  const { data: units = [] } = useUnits();
  const leaders = useQuery({ queryKey: ['leaders'], enabled: leader, queryFn: () => call(api.GET('/api/v1/leaders')).then((r) => r.items) });
  return useMemo(() => {
    if (!leader) return undefined;
    const own = leaders.data?.find((l) => l.id === me.leaderId)?.units ?? [];
    return new Set(own.flatMap((u) => [...subtreeIds(units, u.id)]));
  }, [leader, leaders.data, me.leaderId, units]);
}

function NominateModal({ period, onClose, onDone }: { period: string; onClose: () => void; onDone: () => Promise<unknown> }) {
  const me = useCurrentUser();
  const portfolio = usePortfolio();
  const picks = hasRole(me, 'office') || portfolio !== undefined;
  return (
    <FormModal<NominateFields>
      title={`推荐${monthText(period)}之星`}
      okText="推荐"
      initialValues={{ kind: 'unit', unitId: picks ? null : (me.unit?.id ?? null), personId: null }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(
          api.POST('/api/v1/stars/nominations', {
            body: { period, kind: v.kind, unitId: v.unitId!, personId: v.kind === 'cadre' ? v.personId : null, citation: v.citation, evidence: v.evidence },
          }),
        );
        await onDone();
      }}
    >
      {(f) => <NominateBody form={f} picks={picks} portfolio={portfolio} />}
    </FormModal>
  );
}

function NominateBody({ form, picks, portfolio }: { form: FormInstance<NominateFields>; picks: boolean; portfolio: ReadonlySet<number> | undefined }) {
  const me = useCurrentUser();
  const kind = Form.useWatch('kind', form) ?? 'unit';
  return (
    <>
      <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={(['unit', 'cadre'] as const).map((k) => ({ value: k, label: STAR_KIND_LABELS[k] }))} />
      </Form.Item>
      {picks ? (
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]} extra={portfolio ? '可推荐分管单位及其下属单位' : undefined}>
          <UnitTreeSelect placeholder="选择单位" onlyIds={portfolio} />
        </Form.Item>
      ) : (
        <Form.Item name="unitId" label="单位" hidden>
          <InputNumber />
        </Form.Item>
      )}
      {!picks && (
        <Form.Item label="单位">
          <Typography.Text strong>{me.unit?.name}</Typography.Text>
        </Form.Item>
      )}
      {kind === 'cadre' && (
        <Form.Item name="personId" label="干部" rules={[{ required: true, message: '请选择被推荐的干部' }]}>
          <PersonSelect />
        </Form.Item>
      )}
      <Form.Item name="citation" label="事迹" rules={[{ required: true, whitespace: true, message: '请填写事迹（推荐理由）' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="做了什么、取得什么成效，尽量用数字说话" />
      </Form.Item>
      <Form.Item name="evidence" label="佐证材料" rules={[{ required: true, whitespace: true, message: '请填写佐证材料（文件、报道或数据）' }]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder="文件、通报、报道或统计数据" />
      </Form.Item>
    </>
  );
}

interface DecideFields {
  award: boolean;
  method: 'meeting' | 'vote';
  votesFor?: number;
  votesAgainst?: number;
  votesAbstain?: number;
  note?: string;
}

function DecideModal({ n, onClose, onDone }: { n: Nomination; onClose: () => void; onDone: () => Promise<unknown> }) {
  return (
    <FormModal<DecideFields>
      title={`评定：${n.kind === 'cadre' ? n.personName : n.unitName}（${STAR_KIND_LABELS[n.kind]}）`}
      okText="保存评定"
      initialValues={{ award: true, method: 'meeting' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const vote = v.method === 'vote';
        await call(
          api.POST('/api/v1/stars/nominations/{id}/decide', {
            params: { path: { id: n.id } },
            body: {
              version: n.version,
              award: v.award,
              method: v.method,
              votesFor: vote ? (v.votesFor ?? null) : null,
              votesAgainst: vote ? (v.votesAgainst ?? null) : null,
              votesAbstain: vote ? (v.votesAbstain ?? null) : null,
              note: v.note ?? '',
            },
          }),
        );
        await onDone();
      }}
    >
      {(f) => <DecideBody form={f} citation={n.citation} />}
    </FormModal>
  );
}

function DecideBody({ form, citation }: { form: FormInstance<DecideFields>; citation: string }) {
  const method = Form.useWatch('method', form) ?? 'meeting';
  return (
    <>
      <Typography.Paragraph type="secondary">{citation}</Typography.Paragraph>
      <Form.Item name="method" label="评定方式">
        <Radio.Group optionType="button" options={(['meeting', 'vote'] as const).map((m) => ({ value: m, label: STAR_DECISION_METHOD_LABELS[m] }))} />
      </Form.Item>
      {method === 'vote' && (
        <Space wrap>
          <Form.Item name="votesFor" label="赞成" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="votesAgainst" label="反对" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="votesAbstain" label="弃权" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="award" label="结果">
        <Radio.Group
          options={[
            { value: true, label: '评为之星' },
            { value: false, label: '未获评' },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input placeholder="如：县委常委扩大会议研究确定" maxLength={2000} />
      </Form.Item>
    </>
  );
}

function SettingsModal({ settings, onClose, onDone }: { settings: StarMonth['settings']; onClose: () => void; onDone: () => Promise<unknown> }) {
  return (
    <FormModal<{ unitStarLimit: number; cadreStarLimit: number }>
      title="评星设置"
      initialValues={settings}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(api.PUT('/api/v1/stars/settings', { body: { ...v, version: settings.version } }));
        await onDone();
      }}
    >
      <Form.Item name="unitStarLimit" label="每月单位之星上限" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={1} max={200} />
      </Form.Item>
      <Form.Item name="cadreStarLimit" label="每月干部之星上限" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={1} max={200} />
      </Form.Item>
    </FormModal>
  );
}
