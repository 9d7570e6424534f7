import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Form, Input, InputNumber, Row, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, type Leader, call } from '../api';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { hasRole, useCurrentUser } from '../session';
import { PHONE_RULE } from '../validation';

const LEADERS_KEY = ['leaders'];

interface LeaderFields {
  name: string;
  position: string;
  phone: string;
  portfolio: string;
  unitIds: number[];
  sortOrder: number;
}

const matches = (leader: Leader, keyword: string) =>
  [leader.name, leader.position, leader.portfolio, ...leader.units.map((u) => u.name)].some((text) => text.includes(keyword));

export default function LeadersPage() {
  const me = useCurrentUser();
  const canWrite = hasRole(me, 'sysadmin');
  const queryClient = useQueryClient();
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<Leader | 'new' | null>(null);
  const query = useQuery({ queryKey: LEADERS_KEY, queryFn: () => call(api.GET('/api/v1/leaders')).then((r) => r.items) });
  const leaders = (query.data ?? []).filter((l) => !keyword || matches(l, keyword));

  const columns: TableColumnsType<Leader> = [
    { title: '序号', key: 'index', width: 64, align: 'center', render: (_, leader) => leaders.indexOf(leader) + 1 },
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '职务', dataIndex: 'position', width: 180 },
    { title: '分管工作', dataIndex: 'portfolio', width: 280, render: (text: string) => text || '—' },
    {
      title: '分管单位',
      dataIndex: 'units',
      render: (units: Leader['units']) =>
        units.length === 0 ? (
          '—'
        ) : (
          <Space size={[4, 4]} wrap>
            {units.map((u) => (
              <Tag key={u.id} color="blue" style={{ marginInlineEnd: 0 }}>
                {u.name}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: '联系电话', dataIndex: 'phone', width: 130, render: (phone: string) => phone || '—' },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, leader) => (
        <Button type="link" size="small" onClick={() => setEditing(leader)}>
          编辑
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="县领导"
        section="组织人事"
        subTitle="县领导职务、分管工作和分管单位"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增县领导
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Input.Search
          placeholder="按姓名、职务、分管工作或单位查找"
          allowClear
          style={{ width: 320, marginBottom: 16 }}
          onSearch={(v) => setKeyword(v.trim())}
        />
        <Table<Leader>
          rowKey="id"
          loading={query.isPending}
          dataSource={leaders}
          columns={columns}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无县领导信息" /> }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 位` }}
        />
      </Card>
      {editing && (
        <LeaderModal
          leader={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => queryClient.invalidateQueries({ queryKey: LEADERS_KEY })}
        />
      )}
    </>
  );
}

function LeaderModal({ leader, onClose, onSaved }: { leader: Leader | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const initialValues: Partial<LeaderFields> = leader
    ? { ...leader, unitIds: leader.units.map((u) => u.id) }
    : { phone: '', portfolio: '', unitIds: [], sortOrder: 0 };
  return (
    <FormModal<LeaderFields>
      title={leader ? `编辑县领导：${leader.name}` : '新增县领导'}
      width={640}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async (values) => {
        if (leader) await call(api.PATCH('/api/v1/leaders/{id}', { params: { path: { id: leader.id } }, body: { ...values, version: leader.version } }));
        else await call(api.POST('/api/v1/leaders', { body: values }));
        await onSaved();
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label="联系电话" rules={[PHONE_RULE]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="position" label="职务" rules={[{ required: true, whitespace: true, message: '请输入职务' }]}>
        <Input maxLength={100} placeholder="如 县委常委、常务副县长" />
      </Form.Item>
      <Form.Item name="portfolio" label="分管工作">
        <Input.TextArea rows={2} maxLength={500} placeholder="如 工业经济、招商引资、营商环境" />
      </Form.Item>
      <Form.Item name="unitIds" label="分管单位">
        <UnitTreeSelect multiple placeholder="可选择多个单位" />
      </Form.Item>
      <Form.Item name="sortOrder" label="排序号" extra="数字越小越靠前">
        <InputNumber min={0} max={99999} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
