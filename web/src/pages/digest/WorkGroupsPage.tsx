import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Empty, Form, Input, List, Row, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { api, call, type Schemas } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { formatTime } from '../../time';

type WorkGroup = Schemas['WorkGroup'];
type Channel = Schemas['WorkGroups']['channels'][number];
interface GroupForm {
  name: string;
  channelId: number | null;
  sendAt: string;
  active: boolean;
  unitIds: number[];
  personIds: number[];
}
const GROUPS_KEY = ['work-groups'];

// Several people, searched on the server as the user types; the chosen ones keep their names.
function PeopleSelect({ value, onChange, current }: { value?: number[]; onChange?: (v: number[]) => void; current: { id: number; name: string }[] }) {
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);
  const query = useQuery({
    queryKey: ['people', { keyword, pageSize: 20 }],
    queryFn: () => call(api.GET('/api/v1/people', { params: { query: { keyword, pageSize: 20 } } })),
  });
  const options = (query.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }));
  for (const c of current) if (!options.some((o) => o.value === c.id)) options.push({ value: c.id, label: c.name });
  return (
    <Select<number[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={query.isFetching}
      placeholder="输入姓名搜索人员"
    />
  );
}

function Digests({ group }: { group: WorkGroup }) {
  const digests = useQuery({
    queryKey: [...GROUPS_KEY, group.id, 'digests'],
    queryFn: () => call(api.GET('/api/v1/work-groups/{id}/digests', { params: { path: { id: group.id }, query: { pageSize: 10 } } })),
  });
  return (
    <Card title={`${group.name} · 最近的日报（共 ${digests.data?.total ?? 0} 期）`} variant="borderless">
      <List
        loading={digests.isPending}
        dataSource={digests.data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发送日报" /> }}
        renderItem={(d) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Typography.Text strong>{d.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {formatTime(d.createdAt).slice(0, 16)} 发送
              </Typography.Text>
              <pre className="digest-body">{d.body}</pre>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

// 微信亮绩: the office sets up work groups (the units followed, the people who read it, the group's robot) and reads
// the daily digests sent to them.
export default function WorkGroupsPage() {
  const groups = useQuery({ queryKey: GROUPS_KEY, queryFn: () => call(api.GET('/api/v1/work-groups')) });
  const [editing, setEditing] = useState<WorkGroup | 'new' | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const channels: Channel[] = groups.data?.channels ?? [];
  const list = groups.data?.groups ?? [];
  const shown = list.find((g) => g.id === selected) ?? list[0];

  const columns: TableColumnsType<WorkGroup> = [
    { title: '工作群', dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: '关注单位', key: 'units', render: (_, g) => g.units.map((u) => u.name).join('、') },
    { title: '成员', key: 'people', width: 160, render: (_, g) => (g.people.length ? g.people.map((p) => p.name).join('、') : '—') },
    { title: '群机器人', key: 'channel', width: 160, render: (_, g) => channels.find((c) => c.id === g.channelId)?.name ?? '仅站内消息' },
    { title: '发送时间', dataIndex: 'sendAt', width: 90 },
    { title: '状态', dataIndex: 'active', width: 70, render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>) },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, g) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)}>
          编辑
        </Button>
      ),
    },
  ];

  const current = editing === 'new' ? null : editing;
  return (
    <>
      <PageHeader
        title="微信亮绩"
        section="督查督办"
        subTitle="每个工作日定时向工作群推送日报：今日销号、明日到期、红灯事项和带现场照片的进展"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建工作群
          </Button>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xxl={14}>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Table<WorkGroup>
              rowKey="id"
              loading={groups.isPending}
              dataSource={list}
              columns={columns}
              pagination={false}
              onRow={(g) => ({ onClick: () => setSelected(g.id), style: { cursor: 'pointer' } })}
              rowClassName={(g) => (g.id === shown?.id ? 'ant-table-row-selected' : '')}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有工作群" /> }}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={10}>
          {shown && <Digests group={shown} />}
        </Col>
      </Row>
      {editing && (
        <FormModal<GroupForm>
          title={current ? `编辑“${current.name}”` : '新建工作群'}
          width={640}
          initialValues={
            current
              ? { ...current, unitIds: current.units.map((u) => u.id), personIds: current.people.map((p) => p.id) }
              : { sendAt: '18:00', active: true, channelId: null, unitIds: [], personIds: [] }
          }
          onClose={() => setEditing(null)}
          onSubmit={async (values) => {
            const body = { ...values, channelId: values.channelId ?? null };
            if (current) await call(api.PUT('/api/v1/work-groups/{id}', { params: { path: { id: current.id } }, body: { ...body, version: current.version } }));
            else await call(api.POST('/api/v1/work-groups', { body }));
            await queryClient.invalidateQueries({ queryKey: GROUPS_KEY });
          }}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写工作群名称' }]}>
            <Input maxLength={60} placeholder="如：城关片区工作群" />
          </Form.Item>
          <Form.Item name="unitIds" label="关注单位" rules={[{ required: true, message: '请至少选择一个单位' }]} extra="这些单位牵头或配合的事项进入日报">
            <UnitTreeSelect multiple />
          </Form.Item>
          <Form.Item name="personIds" label="成员" extra="成员在消息中心收到日报">
            <PeopleSelect current={current?.people ?? []} />
          </Form.Item>
          <Form.Item name="channelId" label="群机器人" extra="通知渠道由系统管理员配置">
            <Select
              allowClear
              placeholder="不推送到群，仅站内消息"
              options={channels.map((c) => ({ value: c.id, label: c.active ? c.name : `${c.name}（已停用）` }))}
            />
          </Form.Item>
          <Form.Item name="sendAt" label="发送时间" rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式为 HH:MM，如 18:00' }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
