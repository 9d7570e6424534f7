import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { SELF_STANDARD_LABELS, SELF_STANDARDS, SELF_STATUS_LABELS, type SelfStandard } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { hasRole, useCurrentUser, useServerNow } from '../../session';

type View = Schemas['SelfAssessment'];
type Step = 'targets' | 'results' | 'rate';
const KEY = ['self-assessments'];

// A gap is the unit's rating minus the office's: + means the unit rated itself higher.
const gapText = (g: number | null) => (g === null ? '—' : g > 0 ? `+${g}` : String(g));
const gapColour = (g: number | null) => (g === null || g === 0 ? 'default' : g > 0 ? 'orange' : 'blue');
const stars = (n: number | null) => (n === null || n === 0 ? '—' : `${n} 分`);

// 绩效自评: a unit sets its year's targets against the four standards, rates its results at the year's end; the
// assessment office rates beside it and the gap is shown, never merged into any score.
export default function SelfAssessmentPage() {
  const me = useCurrentUser();
  const now = useServerNow();
  const unitUser = hasRole(me, 'unit_head', 'unit_liaison', 'cadre');
  const rater = hasRole(me, 'office', 'assessment');
  // January to March is when last year's results are rated; later in the year this year's targets are the work.
  const [period, setPeriod] = useState(String(now.month() < 3 ? now.year() - 1 : now.year()));
  const [picked, setPicked] = useState<number | null>(null);
  const unitId = unitUser ? (me.unit?.id ?? null) : picked;
  const years = [now.year() + 1, now.year(), now.year() - 1, now.year() - 2].map(String);

  const list = useQuery({
    queryKey: [...KEY, 'list', period],
    enabled: !unitUser,
    queryFn: () => call(api.GET('/api/v1/self-assessments', { params: { query: { period } } })),
  });
  const one = useQuery({
    queryKey: [...KEY, unitId, period],
    enabled: unitId !== null,
    queryFn: () => call(api.GET('/api/v1/self-assessments/units/{id}', { params: { path: { id: unitId! }, query: { period } } })),
  });

  return (
    <>
      <PageHeader
        title="绩效自评"
        section="考核评价"
        subTitle="按“有位置、出亮点、求突破、创一流”四项标准：年初定目标、预评，年末自评结果；考核办评定与自评并列，差距只作对照，不计入得分"
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label="年度" value={period} onChange={setPeriod} options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 110 }} />
          {!unitUser && <UnitTreeSelect value={picked} onChange={setPicked} placeholder="选择单位查看" style={{ width: 260 }} />}
        </Space>
        {!unitUser && (
          <Table<View>
            rowKey="unitId"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个单位` }}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => setPicked(r.unitId), style: { cursor: 'pointer' } })}
            columns={[
              { title: '单位', dataIndex: 'unitName' },
              {
                title: '状态',
                render: (_, r) => (r.status ? <Tag color={r.status === 'rated' ? 'green' : 'blue'}>{SELF_STATUS_LABELS[r.status]}</Tag> : <Tag>未填写</Tag>),
              },
              ...SELF_STANDARDS.map((s, i) => ({
                title: `${SELF_STANDARD_LABELS[s]} 自评/评定`,
                render: (_: unknown, r: View) => `${stars(r.items[i]!.resultRating)} / ${stars(r.items[i]!.officeRating)}`,
              })),
              { title: '差距合计', render: (_, r) => <Tag color={gapColour(r.gap.total)}>{gapText(r.gap.total)}</Tag> },
            ]}
          />
        )}
      </Card>
      {one.data && <Detail view={one.data} mayWrite={hasRole(me, 'unit_head', 'unit_liaison')} mayRate={rater} />}
    </>
  );
}

function Detail({ view, mayWrite, mayRate }: { view: View; mayWrite: boolean; mayRate: boolean }) {
  const [step, setStep] = useState<Step | null>(null);
  const s = view.status;
  return (
    <Card
      style={{ marginTop: 16 }}
      title={`${view.unitName} · ${view.period}年`}
      extra={s ? <Tag color={s === 'rated' ? 'green' : 'blue'}>{SELF_STATUS_LABELS[s]}</Tag> : <Tag>未填写</Tag>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {mayWrite && (s === null || s === 'planned') && (
          <Button type={s === null ? 'primary' : 'default'} onClick={() => setStep('targets')}>
            {s === null ? '设定年度目标' : '修改年度目标'}
          </Button>
        )}
        {mayWrite && (s === 'planned' || s === 'reported') && (
          <Button type={s === 'planned' ? 'primary' : 'default'} onClick={() => setStep('results')}>
            {s === 'planned' ? '自评完成情况' : '修改自评'}
          </Button>
        )}
        {mayRate && (s === 'reported' || s === 'rated') && (
          <Button type="primary" onClick={() => setStep('rate')}>
            {s === 'rated' ? '修改评定' : '考核办评定'}
          </Button>
        )}
      </Space>
      {view.gap.total !== null && (
        <Alert
          style={{ marginBottom: 12 }}
          type={view.gap.total > 0 ? 'warning' : 'info'}
          showIcon
          message={`自评与考核办评定差距合计 ${gapText(view.gap.total)} 分（正数为自评偏高）；差距只作对照，不计入任何得分`}
        />
      )}
      <List
        dataSource={view.items}
        locale={{ emptyText: '尚未填写' }}
        renderItem={(i, n) => {
          const gap = view.gap.lines[n]!.gap;
          return (
            <List.Item>
              <Descriptions
                size="small"
                column={1}
                title={SELF_STANDARD_LABELS[i.standard]}
                extra={gap !== null && <Tag color={gapColour(gap)}>差距 {gapText(gap)}</Tag>}
                items={[
                  { key: 't', label: '年初目标', children: i.target || '—' },
                  { key: 'p', label: '预评', children: stars(i.planRating) },
                  { key: 'r', label: '完成情况', children: i.result || '—' },
                  { key: 'rr', label: '自评', children: stars(i.resultRating) },
                  {
                    key: 'o',
                    label: '考核办评定',
                    children: i.officeRating === null ? '—' : `${stars(i.officeRating)}${i.officeComment ? `（${i.officeComment}）` : ''}`,
                  },
                ]}
              />
            </List.Item>
          );
        }}
      />
      {view.ratedByName && <Typography.Text type="secondary">评定：{view.ratedByName}</Typography.Text>}
      {step && <StepModal view={view} step={step} onClose={() => setStep(null)} />}
    </Card>
  );
}

type Fields = Record<string, string | number>;
const TITLES: Record<Step, string> = { targets: '年度目标与预评', results: '年末自评', rate: '考核办评定' };

function StepModal({ view, step, onClose }: { view: View; step: Step; onClose: () => void }) {
  const queryClient = useQueryClient();
  const initial: Fields = {};
  for (const i of view.items) {
    if (step === 'targets') Object.assign(initial, { [`${i.standard}.text`]: i.target, [`${i.standard}.rating`]: i.planRating || undefined });
    if (step === 'results') Object.assign(initial, { [`${i.standard}.text`]: i.result, [`${i.standard}.rating`]: i.resultRating ?? undefined });
    if (step === 'rate') Object.assign(initial, { [`${i.standard}.text`]: i.officeComment, [`${i.standard}.rating`]: i.officeRating ?? undefined });
  }
  const text = (v: Fields, s: SelfStandard) => String(v[`${s}.text`] ?? '');
  const rating = (v: Fields, s: SelfStandard) => Number(v[`${s}.rating`]);
  async function submit(v: Fields) {
    const base = { period: view.period, version: view.version };
    const path = { params: { path: { id: view.unitId } } };
    if (step === 'targets')
      await call(
        api.PUT('/api/v1/self-assessments/units/{id}/targets', {
          ...path,
          body: { ...base, items: SELF_STANDARDS.map((s) => ({ standard: s, target: text(v, s), planRating: rating(v, s) })) },
        }),
      );
    if (step === 'results')
      await call(
        api.PUT('/api/v1/self-assessments/units/{id}/results', {
          ...path,
          body: { ...base, items: SELF_STANDARDS.map((s) => ({ standard: s, result: text(v, s), resultRating: rating(v, s) })) },
        }),
      );
    if (step === 'rate')
      await call(
        api.PUT('/api/v1/self-assessments/units/{id}/office-rating', {
          ...path,
          body: { ...base, items: SELF_STANDARDS.map((s) => ({ standard: s, officeComment: text(v, s), officeRating: rating(v, s) })) },
        }),
      );
    await queryClient.invalidateQueries({ queryKey: KEY });
  }
  const textLabel = step === 'targets' ? '目标' : step === 'results' ? '完成情况' : '意见';
  const ratingLabel = step === 'targets' ? '预评' : step === 'results' ? '自评' : '评定';
  return (
    <FormModal<Fields> title={`${TITLES[step]} · ${view.period}年`} okText="保存" initialValues={initial} onClose={onClose} onSubmit={submit}>
      {SELF_STANDARDS.map((s) => (
        <div key={s}>
          <Typography.Title level={5}>{SELF_STANDARD_LABELS[s]}</Typography.Title>
          <Form.Item
            name={`${s}.text`}
            label={`${SELF_STANDARD_LABELS[s]}${textLabel}`}
            rules={step === 'rate' ? [] : [{ required: true, whitespace: true, message: `请填写${textLabel}` }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item
            name={`${s}.rating`}
            label={`${SELF_STANDARD_LABELS[s]}${ratingLabel}（1–5 分）`}
            rules={[{ required: true, message: `请给出${ratingLabel}` }]}
          >
            <InputNumber min={1} max={5} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </div>
      ))}
    </FormModal>
  );
}
