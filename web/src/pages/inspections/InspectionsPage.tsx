import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { INSPECTION_METHOD_LABELS, INSPECTION_MODE_LABELS, INSPECTION_STATUS_LABELS, PLAN_CYCLE_LABELS } from '../../labels';
import { hasRole, useCurrentUser, useServerNow } from '../../session';

type Summary = Schemas['InspectionSummary'];
type Team = Schemas['InspectionTeam'];

export const modeTag = (mode: Summary['mode']) => <Tag color={mode === 'unannounced' ? 'purple' : 'blue'}>{INSPECTION_MODE_LABELS[mode]}</Tag>;
export const statusTag = (status: Summary['status']) => <Tag color={status === 'filed' ? 'green' : 'default'}>{INSPECTION_STATUS_LABELS[status]}</Tag>;

function TeamsModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: ['inspection-teams'], queryFn: () => call(api.GET('/api/v1/inspection-teams')) });
  const [adding, setAdding] = useState(false);
  return (
    <Modal open title="督查组" width={760} footer={null} onCancel={onClose}>
      <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
        新建督查组
      </Button>
      <Table<Team>
        rowKey="id"
        size="small"
        pagination={false}
        loading={teams.isPending}
        dataSource={teams.data?.items ?? []}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '组长', dataIndex: 'leadName' },
          { title: '成员', render: (_, t) => t.members.join('、') },
          { title: '督查范围', render: (_, t) => t.units.map((u) => u.unitName).join('、') },
        ]}
      />
      {adding && (
        <FormModal<{ name: string; leadName: string; members: string; unitIds: number[] }>
          title="新建督查组"
          onClose={() => setAdding(false)}
          onSubmit={async (v) => {
            await call(
              api.POST('/api/v1/inspection-teams', {
                body: { name: v.name, leadName: v.leadName, members: (v.members ?? '').split(/[、,，\s]+/).filter(Boolean), unitIds: v.unitIds ?? [] },
              }),
            );
            await queryClient.invalidateQueries({ queryKey: ['inspection-teams'] });
          }}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input placeholder="第一督查组" />
          </Form.Item>
          <Form.Item name="leadName" label="组长" rules={[{ required: true, message: '请填写组长' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="members" label="成员（用顿号分隔）">
            <Input />
          </Form.Item>
          <Form.Item name="unitIds" label="督查范围" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitTreeSelect multiple />
          </Form.Item>
        </FormModal>
      )}
    </Modal>
  );
}

interface PlanValues {
  cycle: 'year' | 'month';
  period: dayjs.Dayjs;
  teamId: number;
  unitId: number;
  subject: string;
  mode: 'open' | 'unannounced';
  method: 'on_site' | 'remote';
  plannedOn?: dayjs.Dayjs;
}

function PlanModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const teams = useQuery({ queryKey: ['inspection-teams'], queryFn: () => call(api.GET('/api/v1/inspection-teams')) });
  const now = useServerNow();
  return (
    <FormModal<PlanValues>
      title="列入督查计划"
      okText="列入计划"
      initialValues={{ cycle: 'month', period: now, mode: 'unannounced', method: 'on_site' }}
      onClose={onClose}
      onSubmit={async (v) => {
        const created = await call(
          api.POST('/api/v1/inspections', {
            body: {
              cycle: v.cycle,
              period: v.period.format(v.cycle === 'year' ? 'YYYY' : 'YYYY-MM'),
              teamId: v.teamId,
              unitId: v.unitId,
              subject: v.subject,
              mode: v.mode,
              method: v.method,
              plannedOn: v.plannedOn ? v.plannedOn.format('YYYY-MM-DD') : null,
            },
          }),
        );
        void navigate(`/inspections/${created.id}`);
      }}
    >
      {(form) => (
        <>
          <Form.Item name="cycle" label="计划">
            <Radio.Group options={(['month', 'year'] as const).map((c) => ({ value: c, label: PLAN_CYCLE_LABELS[c] }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.cycle !== b.cycle}>
            {() => (
              <Form.Item name="period" label="期间" rules={[{ required: true, message: '请选择期间' }]}>
                <DatePicker picker={form.getFieldValue('cycle') === 'year' ? 'year' : 'month'} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="subject" label="督查内容" rules={[{ required: true, message: '请填写督查内容' }]}>
            <Input placeholder="如：人居环境整治、安全生产" />
          </Form.Item>
          <Form.Item name="teamId" label="督查组" rules={[{ required: true, message: '请选择督查组' }]}>
            <Select options={(teams.data?.items ?? []).filter((t) => t.active).map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
          <Form.Item name="unitId" label="被督查单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitTreeSelect />
          </Form.Item>
          <Form.Item name="mode" label="方式" extra="暗访在归档前，被督查单位看不到">
            <Radio.Group options={(['unannounced', 'open'] as const).map((m) => ({ value: m, label: INSPECTION_MODE_LABELS[m] }))} />
          </Form.Item>
          <Form.Item name="method" label="形式">
            <Radio.Group options={(['on_site', 'remote'] as const).map((m) => ({ value: m, label: INSPECTION_METHOD_LABELS[m] }))} />
          </Form.Item>
          <Form.Item name="plannedOn" label="计划日期">
            <DatePicker />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export default function InspectionsPage() {
  const me = useCurrentUser();
  const office = hasRole(me, 'office');
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Summary['status'] | undefined>();
  const [modal, setModal] = useState<'teams' | 'plan' | null>(null);
  const list = useQuery({
    queryKey: ['inspections', page, status],
    queryFn: () => call(api.GET('/api/v1/inspections', { params: { query: { page, pageSize: 20, status } } })),
  });
  const columns: TableColumnsType<Summary> = [
    { title: '期间', dataIndex: 'period', width: 100 },
    { title: '督查内容', render: (_, r) => <Link to={`/inspections/${r.id}`}>{r.subject}</Link> },
    { title: '被督查单位', dataIndex: 'unitName' },
    { title: '督查组', dataIndex: 'teamName' },
    {
      title: '方式',
      width: 140,
      render: (_, r) => (
        <Space size={4}>
          {modeTag(r.mode)}
          {INSPECTION_METHOD_LABELS[r.method]}
        </Space>
      ),
    },
    { title: '日期', width: 120, render: (_, r) => r.visitedOn ?? (r.plannedOn ? `计划 ${r.plannedOn}` : '—') },
    { title: '发现', width: 120, render: (_, r) => (r.findings ? `${r.findings} 条（问题 ${r.problems}）` : '—') },
    { title: '状态', width: 90, render: (_, r) => statusTag(r.status) },
  ];
  return (
    <>
      <PageHeader
        title="明察暗访"
        section="督查督办"
        subTitle="督查组按年度、月度计划明察暗访；发现的问题归档后列入督办台账整改"
        extra={
          office && (
            <Space>
              <Button icon={<TeamOutlined />} onClick={() => setModal('teams')}>
                督查组
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('plan')}>
                列入计划
              </Button>
            </Space>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text>状态</Typography.Text>
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['planned', 'filed'] as const).map((s) => ({ value: s, label: INSPECTION_STATUS_LABELS[s] }))}
          />
        </Space>
        <Table<Summary>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 次` }}
        />
      </Card>
      {modal === 'teams' && <TeamsModal onClose={() => setModal(null)} />}
      {modal === 'plan' && <PlanModal onClose={() => setModal(null)} />}
    </>
  );
}
