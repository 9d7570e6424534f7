import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Form, Input, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, type Person, call } from '../api';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { UnitPostTags } from '../components/UnitPostTags';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { hasRole, useCurrentUser } from '../session';
import { HonoursList } from './stars/Honours';
import { PHONE_RULE } from '../validation';

interface PersonFields {
  name: string;
  unitId: number | null;
  title: string;
  phone: string;
}

export default function PeoplePage() {
  const me = useCurrentUser();
  const canWrite = hasRole(me, 'sysadmin');
  // The business roles see each person's honours (荣誉: the cadre stars they won), unfolded under their row.
  const seesHonours = hasRole(me, 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre');
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [keyword, setKeyword] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);

  const params = { unitId: unitId ?? undefined, keyword, includeInactive: includeInactive ? ('true' as const) : undefined, page, pageSize };
  const query = useQuery({
    queryKey: ['people', params],
    queryFn: () => call(api.GET('/api/v1/people', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['people'] });

  async function deactivate(person: Person) {
    try {
      await call(api.POST('/api/v1/people/{id}/deactivate', { params: { path: { id: person.id } }, body: { version: person.version } }));
      void message.success(`已停用：${person.name}`);
      await refresh();
    } catch (err) {
      showError(err);
    }
  }

  const columns: TableColumnsType<Person> = [
    { title: '姓名', dataIndex: 'name', width: 120 },
    { title: '所在单位', dataIndex: 'unitName', render: (name: string | null) => name ?? '—' },
    { title: '职务', dataIndex: 'title', render: (title: string) => title || '—' },
    { title: '单位职责', key: 'post', width: 200, render: (_, person) => <UnitPostTags person={person} /> },
    { title: '联系电话', dataIndex: 'phone', width: 150, render: (phone: string) => phone || '—' },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="success">在职</Tag> : <Tag>已停用</Tag>),
    },
  ];
  if (canWrite) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, person) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(person)}>
            编辑
          </Button>
          {person.active && (
            <Popconfirm
              title={`确定停用“${person.name}”吗？`}
              description="停用后不能再被选为负责人或联络员。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => deactivate(person)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="人员"
        section="组织人事"
        subTitle="各单位工作人员信息"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增人员
            </Button>
          )
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <UnitTreeSelect
            placeholder="全部单位"
            style={{ width: 280 }}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
          />
          <Input.Search
            placeholder="姓名、职务或电话"
            allowClear
            style={{ width: 260 }}
            onSearch={(v) => {
              setKeyword(v.trim());
              setPage(1);
            }}
          />
          <Checkbox
            checked={includeInactive}
            onChange={(e) => {
              setIncludeInactive(e.target.checked);
              setPage(1);
            }}
          >
            含已停用人员
          </Checkbox>
        </Space>
        <Table<Person>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={columns}
          expandable={
            seesHonours
              ? {
                  columnTitle: '荣誉',
                  columnWidth: 64,
                  expandedRowRender: (person) => (
                    <div className="person-honours">
                      <strong>荣誉</strong>
                      <HonoursList personId={person.id} />
                    </div>
                  ),
                }
              : undefined
          }
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无符合条件的人员" /> }}
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Card>
      {editing && <PersonModal person={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </>
  );
}

function PersonModal({ person, onClose, onSaved }: { person: Person | null; onClose: () => void; onSaved: () => Promise<void> }) {
  return (
    <FormModal<PersonFields>
      title={person ? `编辑人员：${person.name}` : '新增人员'}
      initialValues={person ?? { title: '', phone: '' }}
      onClose={onClose}
      onSubmit={async (values) => {
        const body = { ...values, unitId: values.unitId ?? null };
        if (person) await call(api.PATCH('/api/v1/people/{id}', { params: { path: { id: person.id } }, body: { ...body, version: person.version } }));
        else await call(api.POST('/api/v1/people', { body }));
        await onSaved();
      }}
    >
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="unitId" label="所在单位" extra="县领导等不属于具体单位的人员可不选">
        <UnitTreeSelect placeholder="请选择所在单位" />
      </Form.Item>
      <Form.Item name="title" label="职务">
        <Input maxLength={50} placeholder="如 办公室主任" />
      </Form.Item>
      <Form.Item name="phone" label="联系电话" rules={[PHONE_RULE]}>
        <Input maxLength={20} placeholder="手机号或固定电话" />
      </Form.Item>
    </FormModal>
  );
}
