import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { CADRE_GRADE_LABELS, CADRE_GRADES, type CadreGrade } from '@shared/labels';
import { api, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { hasRole, useCurrentUser, useServerNow } from '../../session';
import { GradeTag, quarterLabel, weekLabel } from './records';

const fetchPage = (unitId: number, month: string) => call(api.GET('/api/v1/records/assessments', { params: { query: { unitId, month } } }));
type Row = Awaited<ReturnType<typeof fetchPage>>['items'][number];

// 月考核: the head grades each cadre of the unit for a month, with a comment; the offices read any unit's.
export default function UnitAssessmentsPage() {
  const me = useCurrentUser();
  const now = useServerNow();
  const head = hasRole(me, 'unit_head');
  // Usually done early in the next month: last month until the 20th, then this one.
  const [month, setMonth] = useState(() => (now.date() > 20 ? now : now.subtract(1, 'month')).format('YYYY-MM'));
  const [unitId, setUnitId] = useState<number | null>(head ? (me.unit?.id ?? null) : null);
  const [editing, setEditing] = useState<Row | null>(null);
  const data = useQuery({
    queryKey: ['records', 'assessments', unitId, month],
    enabled: unitId !== null,
    queryFn: () => fetchPage(unitId!, month),
  });
  const weeks = data.data?.weeks ?? [];
  return (
    <>
      <PageHeader title="月度考核" section="干部记实" subTitle="单位负责人每月对本单位干部写出考核评语、提出等次建议；季度审定后冻结" />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            format="YYYY年M月"
            disabledDate={(d) => d.isAfter(now, 'month')}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
          {!head && <UnitTreeSelect value={unitId} onChange={setUnitId} placeholder="选择单位" style={{ width: 260 }} />}
        </Space>
        {data.data && (
          <Typography.Paragraph type="secondary">
            {Number(month.slice(5))}月计入的周：{weeks.map(weekLabel).join('、')}。{quarterLabel(data.data.quarter)}审定后，该季度各月考核不能再修改。
          </Typography.Paragraph>
        )}
        <Table<Row>
          rowKey={(r) => r.person.id}
          size="small"
          loading={data.isFetching}
          pagination={false}
          dataSource={data.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: unitId === null ? '请选择单位' : '没有人员' }}
          columns={[
            {
              title: '姓名',
              fixed: 'left',
              render: (_, r) => <Link to={`/records/people/${r.person.id}`}>{r.person.name}</Link>,
            },
            { title: '单位', render: (_, r) => r.person.unitName },
            { title: '职务', render: (_, r) => r.person.title },
            { title: '周记实', render: (_, r) => `${r.weeksLogged.length}/${weeks.length} 周` },
            { title: '等次建议', render: (_, r) => (r.assessment ? <GradeTag grade={r.assessment.grade} /> : <Tag>未考核</Tag>) },
            { title: '考核评语', render: (_, r) => r.assessment?.comment ?? '' },
            {
              title: '操作',
              render: (_, r) =>
                r.confirmation ? (
                  <Space>
                    已审定 <GradeTag grade={r.confirmation.grade} />
                  </Space>
                ) : (
                  head && (
                    <Button size="small" type={r.assessment ? 'default' : 'primary'} onClick={() => setEditing(r)}>
                      {r.assessment ? '修改' : '考核'}
                    </Button>
                  )
                ),
            },
          ]}
        />
      </Card>
      {editing && <AssessModal row={editing} month={month} onClose={() => setEditing(null)} />}
    </>
  );
}

function AssessModal({ row, month, onClose }: { row: Row; month: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  return (
    <FormModal<{ grade: CadreGrade; comment: string }>
      title={`${Number(month.slice(5))}月考核：${row.person.name}`}
      okText="保存考核"
      initialValues={{ grade: row.assessment?.grade, comment: row.assessment?.comment ?? '' }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(
          api.PUT('/api/v1/records/assessments', {
            body: { personId: row.person.id, month, grade: v.grade, comment: v.comment, version: row.assessment?.version ?? 0 },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: ['records'] });
      }}
    >
      <Form.Item name="grade" label="等次建议" rules={[{ required: true, message: '请选择等次' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={CADRE_GRADES.map((g) => ({ value: g, label: CADRE_GRADE_LABELS[g] }))} />
      </Form.Item>
      <Form.Item name="comment" label="考核评语" rules={[{ required: true, whitespace: true, message: '请填写考核评语' }]}>
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
