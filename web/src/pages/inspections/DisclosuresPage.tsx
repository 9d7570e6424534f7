import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { COLOUR_LABELS, STATUS_LABELS } from '../../labels';
import { COLOUR_TAG } from './PublicProgressPage';

type Item = Schemas['DisclosureItem'];

function PhotoChoice({ taskId }: { taskId: number | undefined }) {
  const images = useQuery({
    queryKey: ['disclosure-images', taskId],
    enabled: !!taskId,
    queryFn: () => call(api.GET('/api/v1/tasks/{id}/disclosure/images', { params: { path: { id: taskId! } } })),
  });
  return (
    <Form.Item name="photoIds" label="公开的照片" extra="只公开缩略图，不含拍摄信息">
      <Checkbox.Group options={(images.data?.items ?? []).map((i) => ({ value: i.id, label: i.fileName }))} />
    </Form.Item>
  );
}

export default function DisclosuresPage() {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const list = useQuery({ queryKey: ['disclosures'], queryFn: () => call(api.GET('/api/v1/disclosures')) });
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: ['disclosures'] });
  const columns: TableColumnsType<Item> = [
    { title: '事项', render: (_, r) => <Link to={`/tasks/${r.taskId}`}>{r.title}</Link> },
    { title: '责任单位', dataIndex: 'unitName' },
    { title: '时限', dataIndex: 'deadline', width: 110 },
    {
      title: '状态',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <Tag color={COLOUR_TAG[r.colour]}>{COLOUR_LABELS[r.colour]}</Tag>
          {STATUS_LABELS[r.status]}
        </Space>
      ),
    },
    { title: '公开的进展', dataIndex: 'progress' },
    { title: '', width: 90, render: (_, r) => (r.active ? <Tag color="green">公开中</Tag> : <Tag>已撤下</Tag>) },
    {
      title: '',
      width: 140,
      render: (_, r) => (
        <Space>
          <Button size="small" onClick={() => setEditing(r)}>
            {r.active ? '修改' : '重新公开'}
          </Button>
          {r.active && (
            <Popconfirm
              title="撤下后公开页面和订阅不再显示该事项"
              onConfirm={async () => {
                try {
                  await call(api.POST('/api/v1/tasks/{id}/disclosure/withdraw', { params: { path: { id: r.taskId } }, body: { version: r.version } }));
                  await reload();
                } catch (err) {
                  showError(err);
                }
              }}
            >
              <Button size="small" danger>
                撤下
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  const current = editing === 'new' ? null : editing;
  return (
    <>
      <PageHeader
        title="舆论督办"
        section="督查督办"
        subTitle="标记公开的事项显示在公开进展页面和订阅（JSON、RSS）中；只公开单位和领导姓名，含电话号码、身份证号码的内容不能公开"
        extra={
          <Space>
            <Button icon={<GlobalOutlined />} href="/public" target="_blank">
              公开页面
            </Button>
            <Button href="/api/v1/public/progress.rss" target="_blank">
              RSS
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              标记公开
            </Button>
          </Space>
        }
      />
      <Card>
        <Table<Item> rowKey="id" loading={list.isPending} dataSource={list.data?.items ?? []} columns={columns} pagination={false} scroll={{ x: 900 }} />
      </Card>
      {editing && (
        <FormModal<{ taskId: number; summary: string; photoIds?: number[] }>
          title={current ? `公开：${current.title}` : '标记事项公开'}
          okText="公开"
          initialValues={current ? { taskId: current.taskId, summary: current.progress, photoIds: current.photoIds } : {}}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            await call(
              api.PUT('/api/v1/tasks/{id}/disclosure', {
                params: { path: { id: v.taskId } },
                body: { summary: v.summary, photoIds: v.photoIds ?? [], version: current?.version ?? 0 },
              }),
            );
            await reload();
          }}
        >
          {(form) => (
            <>
              <Form.Item name="taskId" label="事项编号" rules={[{ required: true, message: '请填写台账事项编号' }]}>
                <InputNumber min={1} disabled={!!current} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="summary" label="公开的进展" rules={[{ required: true, message: '请填写公开的进展' }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.taskId !== b.taskId}>
                {() => <PhotoChoice taskId={form.getFieldValue('taskId') as number | undefined} />}
              </Form.Item>
            </>
          )}
        </FormModal>
      )}
    </>
  );
}
