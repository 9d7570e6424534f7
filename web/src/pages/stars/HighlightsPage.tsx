import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Radio, Segmented, Space, Table, Tag, Typography, type FormInstance, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { HIGHLIGHT_CYCLE_LABELS, HIGHLIGHT_STATUS_LABELS, type HighlightCycle } from '../../labels';
import { usePhone } from '../../phone';
import { hasRole, useCurrentUser } from '../../session';
import { useServerToday } from '../../tasks';
import { formatDate } from '../../time';
import { halfOf, HIGHLIGHT_STATUS_COLORS, type Highlight, monthText, periodText, previousHalf, previousMonth } from './stars';

interface Fields {
  cycle: HighlightCycle;
  period: string;
  title: string;
  description: string;
  evidence: string;
}

export default function HighlightsPage() {
  const me = useCurrentUser();
  const phone = usePhone();
  const isOffice = hasRole(me, 'office');
  const canNominate = hasRole(me, 'unit_head', 'unit_liaison') && me.unit !== null;
  const [cycle, setCycle] = useState<HighlightCycle>('month');
  const [dialog, setDialog] = useState<{ kind: 'nominate' } | { kind: 'decide'; h: Highlight; select: boolean } | null>(null);
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['highlights', cycle], queryFn: () => call(api.GET('/api/v1/highlights', { params: { query: { cycle } } })) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['highlights'] });

  const columns: TableColumnsType<Highlight> = [
    { title: cycle === 'month' ? '月份' : '半年', dataIndex: 'period', width: 120, render: (p: string) => periodText(p) },
    { title: '单位', dataIndex: 'unitName', width: 160 },
    {
      title: '亮点工作',
      key: 'title',
      render: (_, h) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{h.title}</Typography.Text>
          <span>{h.description}</span>
          <Typography.Text type="secondary">佐证：{h.evidence}</Typography.Text>
        </Space>
      ),
    },
    { title: '推荐', key: 'by', width: 130, render: (_, h) => `${h.nominatorName} ${formatDate(h.nominatedAt)}` },
    {
      title: '评选',
      key: 'status',
      width: 220,
      render: (_, h) => (
        <Space orientation="vertical" size={0}>
          <Tag color={HIGHLIGHT_STATUS_COLORS[h.status]}>{HIGHLIGHT_STATUS_LABELS[h.status]}</Tag>
          {h.reason && <Typography.Text type="secondary">理由：{h.reason}</Typography.Text>}
        </Space>
      ),
    },
  ];
  if (isOffice)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, h) =>
        h.status === 'nominated' && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'decide', h, select: true })}>
              入选
            </Button>
            <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'decide', h, select: false })}>
              不入选
            </Button>
          </Space>
        ),
    });

  return (
    <>
      <PageHeader
        title="亮点工作"
        section="考核评价"
        subTitle="月度和半年评选：单位推荐做法和成效，督查室评选；入选的按评分方案加分"
        extra={
          <Space wrap>
            <Segmented<HighlightCycle>
              value={cycle}
              onChange={setCycle}
              options={(['month', 'half_year'] as const).map((c) => ({ value: c, label: HIGHLIGHT_CYCLE_LABELS[c] }))}
            />
            {canNominate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'nominate' })}>
                推荐亮点工作
              </Button>
            )}
          </Space>
        }
      />
      <Card variant="borderless">
        <Table<Highlight>
          rowKey="id"
          size={phone ? 'small' : 'middle'}
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无亮点工作" /> }}
        />
      </Card>
      {dialog?.kind === 'nominate' && <NominateHighlightModal onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog?.kind === 'decide' && (
        <FormModal<{ reason: string }>
          title={`${dialog.select ? '入选' : '不入选'}：${dialog.h.title}`}
          okText={dialog.select ? '入选' : '不入选'}
          danger={!dialog.select}
          onClose={() => setDialog(null)}
          onSubmit={async (v) => {
            await call(
              api.POST('/api/v1/highlights/{id}/decide', {
                params: { path: { id: dialog.h.id } },
                body: { version: dialog.h.version, select: dialog.select, reason: v.reason },
              }),
            );
            await refresh();
          }}
        >
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写评选理由' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

function NominateHighlightModal({ onClose, onDone }: { onClose: () => void; onDone: () => Promise<unknown> }) {
  const me = useCurrentUser();
  const month = useServerToday().slice(0, 7);
  return (
    <FormModal<Fields>
      title={`推荐亮点工作：${me.unit?.name ?? ''}`}
      okText="推荐"
      initialValues={{ cycle: 'month', period: month }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(api.POST('/api/v1/highlights', { body: { ...v, unitId: me.unit!.id } }));
        await onDone();
      }}
    >
      {(f) => <HighlightFields form={f} month={month} />}
    </FormModal>
  );
}

function HighlightFields({ form, month }: { form: FormInstance<Fields>; month: string }) {
  const cycle = Form.useWatch('cycle', form) ?? 'month';
  const periods = cycle === 'month' ? [month, previousMonth(month)] : [halfOf(month), previousHalf(halfOf(month))];
  return (
    <>
      <Form.Item name="cycle" label="评选周期">
        <Radio.Group
          optionType="button"
          options={(['month', 'half_year'] as const).map((c) => ({ value: c, label: HIGHLIGHT_CYCLE_LABELS[c] }))}
          onChange={(e) => form.setFieldValue('period', e.target.value === 'month' ? month : halfOf(month))}
        />
      </Form.Item>
      <Form.Item name="period" label={cycle === 'month' ? '月份' : '半年'}>
        <Radio.Group options={periods.map((p) => ({ value: p, label: cycle === 'month' ? monthText(p) : periodText(p) }))} />
      </Form.Item>
      <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写亮点工作的名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label="做法和成效" rules={[{ required: true, whitespace: true, message: '请填写亮点工作的做法和成效' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="evidence" label="佐证材料" rules={[{ required: true, whitespace: true, message: '请填写佐证材料' }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
