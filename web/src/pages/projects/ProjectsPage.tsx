import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { COLOUR_LABELS, PROJECT_KIND_LABELS, PROJECT_KINDS } from '../../labels';
import { hasRole, useCurrentUser } from '../../session';

type Summary = Schemas['ProjectSummary'];

export const COLOUR_TAG: Record<Summary['colour'], string> = { red: 'red', yellow: 'gold', blue: 'blue', green: 'green', grey: 'default' };
export const wan = (n: number) => `${n.toLocaleString('zh-CN')} 万元`;

export interface RegisterFields {
  name: string;
  kind: Summary['kind'];
  totalInvestment: number;
  investmentBefore?: number;
  leadLeaderId?: number;
  leadUnitId: number;
  responsibleName: string;
  responsiblePhone?: string;
  address?: string;
  longitude?: number;
  latitude?: number;
}

export const registerBody = (v: RegisterFields) => ({
  name: v.name,
  kind: v.kind,
  totalInvestment: v.totalInvestment,
  investmentBefore: v.investmentBefore ?? 0,
  leadLeaderId: v.leadLeaderId ?? null,
  leadUnitId: v.leadUnitId,
  responsibleName: v.responsibleName,
  responsiblePhone: v.responsiblePhone ?? '',
  address: v.address ?? '',
  longitude: v.longitude ?? null,
  latitude: v.latitude ?? null,
});

/** The register's fields, for registering a project and for changing it. */
export function RegisterForm() {
  const leaders = useQuery({ queryKey: ['leaders'], queryFn: () => call(api.GET('/api/v1/leaders')).then((r) => r.items) });
  return (
    <>
      <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label="项目类别" rules={[{ required: true, message: '请选择项目类别' }]}>
        <Select options={PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k] }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="totalInvestment" label="计划总投资（万元）" rules={[{ required: true, message: '请填写计划总投资' }]}>
          <InputNumber min={0} precision={0} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="investmentBefore" label="以前年度已完成（万元）">
          <InputNumber min={0} precision={0} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item name="leadLeaderId" label="牵头县领导">
        <Select allowClear options={(leaders.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: `${l.name}（${l.position}）` }))} />
      </Form.Item>
      <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
        <UnitTreeSelect />
      </Form.Item>
      <Space wrap>
        <Form.Item name="responsibleName" label="责任人" rules={[{ required: true, whitespace: true, message: '请填写责任人' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="responsiblePhone" label="联系电话">
          <Input maxLength={30} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="项目地址">
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="longitude" label="经度">
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="latitude" label="纬度">
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
        </Form.Item>
      </Space>
    </>
  );
}

export default function ProjectsPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['projects', page], queryFn: () => call(api.GET('/api/v1/projects', { params: { query: page } })) });

  const columns: TableColumnsType<Summary> = [
    { title: '亮灯', key: 'colour', width: 80, render: (_, p) => <Tag color={COLOUR_TAG[p.colour]}>{COLOUR_LABELS[p.colour]}</Tag> },
    { title: '项目名称', key: 'name', render: (_, p) => <Link to={`/projects/${p.projectId}`}>{p.name}</Link> },
    { title: '类别', key: 'kind', width: 100, render: (_, p) => PROJECT_KIND_LABELS[p.kind] },
    { title: '牵头单位', dataIndex: 'leadUnitName', width: 160 },
    { title: '牵头县领导', key: 'leader', width: 110, render: (_, p) => p.leadLeaderName ?? '—' },
    { title: '计划总投资', key: 'total', width: 130, align: 'right', render: (_, p) => wan(p.totalInvestment) },
    { title: '本年计划', key: 'plan', width: 120, align: 'right', render: (_, p) => wan(p.plannedThisYear) },
    { title: '本年完成', key: 'done', width: 120, align: 'right', render: (_, p) => wan(p.doneThisYear) },
    { title: '累计完成', key: 'sum', width: 120, align: 'right', render: (_, p) => wan(p.cumulative) },
  ];

  return (
    <>
      <PageHeader
        title="重点项目"
        section="督查督办"
        subTitle="续建、在建、计划新开工和前期项目全部纳入，按工序计划跟踪，不完成不销号"
        extra={
          <Space wrap>
            <Link to="/projects/comparison">
              <Button icon={<CameraOutlined />}>影像比绩</Button>
            </Link>
            {hasRole(me, 'office') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记项目
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Table
          rowKey="projectId"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isLoading}
          scroll={{ x: 1000 }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total,
            showTotal: (t) => `共 ${t} 个项目`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
        />
      </Card>
      {creating && (
        <FormModal<RegisterFields>
          title="登记重点项目"
          okText="登记"
          width={640}
          initialValues={{ kind: 'under_construction' }}
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            const created = await call(api.POST('/api/v1/projects', { body: registerBody(v) }));
            await queryClient.invalidateQueries({ queryKey: ['projects'] });
            void navigate(`/projects/${created.projectId}`);
          }}
        >
          <RegisterForm />
        </FormModal>
      )}
    </>
  );
}
