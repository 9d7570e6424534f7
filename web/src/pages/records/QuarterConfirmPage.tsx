import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CADRE_GRADE_LABELS, CADRE_GRADES, type CadreGrade } from '@shared/labels';
import { api, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { hasRole, useCurrentUser, useServerNow } from '../../session';
import { GradeTag, lastEndedQuarter, quarterLabel } from './records';

const fetchQuarter = (quarter: string) => call(api.GET('/api/v1/records/quarters', { params: { query: { quarter } } }));
type Row = Awaited<ReturnType<typeof fetchQuarter>>['items'][number];

// 季审定: the assessment office, for the committee, confirms each cadre's quarter; the grade that stands is frozen.
export default function QuarterConfirmPage() {
  const me = useCurrentUser();
  const now = useServerNow();
  const confirmer = hasRole(me, 'assessment');
  const latest = lastEndedQuarter(now.format('YYYY-MM'));
  const [quarter, setQuarter] = useState(latest);
  const [confirming, setConfirming] = useState<Row | null>(null);
  const data = useQuery({ queryKey: ['records', 'quarter', quarter], queryFn: () => fetchQuarter(quarter) });
  // The last eight quarters, newest first.
  const options = Array.from({ length: 8 }, (_, i) => {
    const y = Number(latest.slice(0, 4));
    const n = Number(latest.slice(6)) - 1 - i;
    const q = `${y + Math.floor(n / 4)}-Q${(((n % 4) + 4) % 4) + 1}`;
    return { value: q, label: quarterLabel(q) };
  });
  const months = data.data?.months ?? [];
  const open = (data.data?.items ?? []).filter((r) => !r.confirmation).length;
  return (
    <>
      <PageHeader title="季度审定" section="干部记实" subTitle="考核委员会每季度对平时考核最终审核，确定考核结果；与月度建议不一致的须写明理由" />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select style={{ width: 180 }} value={quarter} options={options} onChange={setQuarter} />
          {data.data && (open ? <Tag color="orange">待审定 {open} 人</Tag> : <Tag color="green">已全部审定</Tag>)}
        </Space>
        {data.data && !data.data.ended && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${quarterLabel(quarter)}尚未结束，结束后才能审定`} />
        )}
        <Table<Row>
          rowKey={(r) => r.person.id}
          size="small"
          loading={data.isFetching}
          pagination={false}
          dataSource={data.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '该季度没有月度考核' }}
          columns={[
            { title: '姓名', fixed: 'left', render: (_, r) => <Link to={`/records/people/${r.person.id}`}>{r.person.name}</Link> },
            { title: '单位', render: (_, r) => r.person.unitName },
            ...months.map((m) => ({
              title: `${Number(m.slice(5))}月建议`,
              render: (_: unknown, r: Row) => {
                const p = r.proposals.find((a) => a.month === m);
                return p ? <GradeTag grade={p.grade} /> : <Tag>无</Tag>;
              },
            })),
            { title: '建议等次', render: (_, r) => (r.suggested ? <GradeTag grade={r.suggested} /> : '—') },
            {
              title: '审定结果',
              render: (_, r) =>
                r.confirmation ? (
                  <Space direction="vertical" size={0}>
                    <span>
                      <GradeTag grade={r.confirmation.grade} />
                      {r.confirmation.confirmedByName}
                    </span>
                    {r.confirmation.reason && <Typography.Text type="secondary">{r.confirmation.reason}</Typography.Text>}
                  </Space>
                ) : confirmer && data.data?.ended ? (
                  <Button size="small" type="primary" onClick={() => setConfirming(r)}>
                    审定
                  </Button>
                ) : (
                  <Tag color="orange">待审定</Tag>
                ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          建议等次：本季度各月建议中出现次数最多的等次，并列时取最近月份的。审定后该季度结果和各月考核冻结，不能再修改。
        </Typography.Paragraph>
      </Card>
      {confirming && <ConfirmModal row={confirming} quarter={quarter} onClose={() => setConfirming(null)} />}
    </>
  );
}

function ConfirmModal({ row, quarter, onClose }: { row: Row; quarter: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <FormModal<{ grade: CadreGrade; reason: string }>
      title={`审定${quarterLabel(quarter)}：${row.person.name}`}
      okText="确认审定"
      initialValues={{ grade: row.suggested ?? undefined, reason: '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(api.POST('/api/v1/records/confirmations', { body: { personId: row.person.id, quarter, grade: v.grade, reason: v.reason ?? '' } }));
        await queryClient.invalidateQueries({ queryKey: ['records'] });
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph>
            月度建议：
            {row.proposals.map((p) => `${Number(p.month.slice(5))}月${CADRE_GRADE_LABELS[p.grade]}`).join('、') || '无'}；建议等次：
            {row.suggested ? CADRE_GRADE_LABELS[row.suggested] : '无'}
          </Typography.Paragraph>
          <Form.Item name="grade" label="审定等次" rules={[{ required: true, message: '请选择等次' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={CADRE_GRADES.map((g) => ({ value: g, label: CADRE_GRADE_LABELS[g] }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => {
              const differs = form.getFieldValue('grade') !== row.suggested;
              return (
                <Form.Item
                  name="reason"
                  label={differs ? '审定理由（与建议不一致，必填）' : '审定理由'}
                  rules={[{ required: differs, whitespace: true, message: '审定等次与建议不一致，请写明理由' }]}
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              );
            }}
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
