import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../time';

type BoardToken = Schemas['BoardToken'];
const TOKENS_KEY = ['board-tokens'];

const boardAddress = (token: string) => `${window.location.origin}/board#t=${token}`;

// 电子屏管理: the office makes a token for each wall display and revokes it when the screen is retired or the address leaks.
export default function BoardTokensPage() {
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => call(api.GET('/api/v1/board-tokens')) });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { modal } = App.useApp();

  function revoke(t: BoardToken) {
    modal.confirm({
      title: `撤销“${t.name}”的令牌？`,
      content: '撤销后，用这个地址打开的电子屏立即无法显示，需要新令牌才能再用。',
      okText: '撤销',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/board-tokens/{id}/revoke', { params: { path: { id: t.id } } }));
          await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
        } catch (err) {
          showError(err);
        }
      },
    });
  }

  const columns: TableColumnsType<BoardToken> = [
    { title: '电子屏', dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: '生成时间', dataIndex: 'createdAt', width: 170, render: (at: string) => formatTime(at).slice(0, 16) },
    {
      title: '状态',
      key: 'state',
      width: 220,
      render: (_, t) => (t.revokedAt ? <Tag>已于 {formatTime(t.revokedAt).slice(0, 16)} 撤销</Tag> : <Tag color="success">使用中</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, t) =>
        t.revokedAt ? null : (
          <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => revoke(t)}>
            撤销
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="电子屏管理"
        section="督查督办"
        subTitle="公示电子屏无需登录，凭令牌打开；只显示重大事项、单位和领导姓名"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            生成令牌
          </Button>
        }
      />
      <Card variant="borderless">
        <Table<BoardToken>
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data}
          columns={columns}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有电子屏令牌" /> }}
        />
      </Card>
      {creating && (
        <FormModal<{ name: string }>
          title="生成电子屏令牌"
          okText="生成"
          onClose={() => setCreating(false)}
          onSubmit={async (values) => {
            const made = await call(api.POST('/api/v1/board-tokens', { body: values }));
            await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
            setCreated(boardAddress(made.token));
          }}
        >
          <Form.Item name="name" label="电子屏名称" rules={[{ required: true, whitespace: true, message: '请填写电子屏名称' }]}>
            <Input maxLength={60} placeholder="如：政务服务大厅电子屏" />
          </Form.Item>
        </FormModal>
      )}
      <Modal open={created !== null} title="电子屏地址" footer={null} onCancel={() => setCreated(null)} width={640}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="地址只显示这一次，请复制后在电子屏的浏览器中全屏打开；遗失时撤销并重新生成。" />
        <Typography.Paragraph copyable={{ text: created ?? '' }} className="board-address">
          <a href={created ?? undefined} target="_blank" rel="noreferrer">
            {created}
          </a>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
