import { EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Empty,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { api, call, type Schemas } from '../api';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { formatTime } from '../time';

// An e-mail channel's SMTP settings; the API types a channel's settings only as a map.
interface EmailSettings {
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  from?: string;
  // The password never comes back; only whether one is saved.
  hasPass?: boolean;
}

type Channel = Omit<Schemas['NotifyChannel'], 'settings'> & { settings: EmailSettings };
type ChannelKind = Channel['kind'];

const CHANNELS_KEY = ['notify-channels'];

const KIND_LABELS: Record<ChannelKind, string> = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人', feishu: '飞书群机器人', email: '电子邮件' };
const KIND_COLORS: Record<ChannelKind, string> = { wecom: 'green', dingtalk: 'blue', feishu: 'cyan', email: 'purple' };
const KINDS = Object.keys(KIND_LABELS) as ChannelKind[];
const WEBHOOK_EXAMPLES: Record<Exclude<ChannelKind, 'email'>, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

type Dialog = { kind: 'create' } | { kind: 'edit'; channel: Channel };

export default function ChannelsPage() {
  const channels = useQuery({ queryKey: CHANNELS_KEY, queryFn: () => call(api.GET('/api/v1/notify/channels')).then((r) => r.items) });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const showError = useShowError();
  const { message } = App.useApp();

  async function test(c: Channel) {
    setTesting(c.id);
    try {
      const { deliveryId } = await call(api.POST('/api/v1/notify/channels/{id}/test', { params: { path: { id: c.id } } }));
      void message.success(`测试消息已排入发送队列（第 ${deliveryId} 号），请稍后在“${c.name}”中查看`);
    } catch (err) {
      showError(err);
    } finally {
      setTesting(null);
    }
  }

  const columns: TableColumnsType<Channel> = [
    { title: '名称', dataIndex: 'name', width: 180, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: '类型', dataIndex: 'kind', width: 150, render: (k: ChannelKind) => <Tag color={KIND_COLORS[k]}>{KIND_LABELS[k]}</Tag> },
    {
      title: '发送到',
      key: 'target',
      render: (_, c) =>
        c.kind === 'email' ? (
          <div>
            <div className="channel-target">{c.target}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              SMTP {c.settings.host}:{c.settings.port}
              {c.settings.secure ? '（TLS）' : ''} · 发件人 {c.settings.from}
              {c.settings.hasPass ? ' · 已设密码' : ''}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text className="channel-target" ellipsis={{ tooltip: c.target }}>
            {c.target}
          </Typography.Text>
        ),
    },
    { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>) },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (at: string) => <span className="nowrap-time">{formatTime(at).slice(0, 16)}</span> },
    {
      title: '操作',
      key: 'actions',
      width: 210,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', channel: c })}>
            编辑
          </Button>
          <Button type="link" size="small" icon={<SendOutlined />} disabled={!c.active} loading={testing === c.id} onClick={() => void test(c)}>
            发送测试
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="通知渠道"
        section="系统管理"
        subTitle="督办单、约谈等提醒除站内消息外，同时推送到工作群机器人或电子邮箱"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            新增渠道
          </Button>
        }
      />
      <Card variant="borderless">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="消息先进入发送队列，由后台按顺序发送，发送失败会自动重试；渠道故障不影响业务办理。停用的渠道不再发送，队列中尚未发出的消息一并取消。"
        />
        <Table<Channel>
          rowKey="id"
          loading={channels.isPending}
          dataSource={channels.data}
          columns={columns}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有配置通知渠道，消息只在站内发送" /> }}
        />
      </Card>
      {dialog && <ChannelModal channel={dialog.kind === 'edit' ? dialog.channel : undefined} onClose={() => setDialog(null)} />}
    </>
  );
}

interface ChannelFields {
  kind: ChannelKind;
  name: string;
  target: string;
  active: boolean;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from?: string;
}

function ChannelModal({ channel, onClose }: { channel?: Channel; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const initial: Partial<ChannelFields> = channel
    ? { kind: channel.kind, name: channel.name, target: channel.target, active: channel.active, ...channel.settings }
    : { kind: 'wecom', active: true, port: 465, secure: true };

  async function submit(v: ChannelFields) {
    const settings =
      v.kind === 'email'
        ? {
            host: v.host?.trim() ?? '',
            port: v.port,
            secure: v.secure ?? false,
            user: v.user?.trim() ?? '',
            from: v.from?.trim() ?? '',
            // Left empty when editing: keep the saved password.
            ...(v.pass ? { pass: v.pass } : {}),
          }
        : undefined;
    const body = { name: v.name.trim(), target: v.target.trim(), active: v.active, ...(settings ? { settings } : {}) };
    if (channel) await call(api.PATCH('/api/v1/notify/channels/{id}', { params: { path: { id: channel.id } }, body: { ...body, version: channel.version } }));
    else await call(api.POST('/api/v1/notify/channels', { body: { ...body, kind: v.kind } }));
    void message.success(channel ? `已保存渠道：${body.name}` : `已新增渠道：${body.name}`);
    await queryClient.invalidateQueries({ queryKey: CHANNELS_KEY });
  }

  return (
    <FormModal<ChannelFields>
      title={channel ? `编辑通知渠道：${channel.name}` : '新增通知渠道'}
      width={620}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
    >
      {(form) => (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="kind" label="类型" rules={[{ required: true }]} extra={channel ? '类型创建后不能修改' : undefined}>
                <Select disabled={!!channel} options={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
                <Input maxLength={100} placeholder="如：督查室工作群" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {() => {
              const kind = form.getFieldValue('kind') as ChannelKind;
              if (kind !== 'email') {
                return (
                  <Form.Item
                    name="target"
                    label="Webhook 地址"
                    rules={[
                      { required: true, whitespace: true, message: '请填写 Webhook 地址' },
                      { pattern: /^https?:\/\//i, message: 'Webhook 地址必须以 http:// 或 https:// 开头' },
                    ]}
                    extra="在工作群设置中添加自定义机器人后复制的地址"
                  >
                    <Input placeholder={WEBHOOK_EXAMPLES[kind]} />
                  </Form.Item>
                );
              }
              return (
                <>
                  <Form.Item
                    name="target"
                    label="收件人"
                    rules={[{ required: true, whitespace: true, message: '请填写收件人邮箱' }]}
                    extra="多个邮箱用逗号分隔"
                  >
                    <Input.TextArea rows={2} placeholder="duchashi@example.gov.cn, kaoheban@example.gov.cn" />
                  </Form.Item>
                  <Divider titlePlacement="start" plain>
                    发信服务器（SMTP）
                  </Divider>
                  <Row gutter={16}>
                    <Col span={12}>
                      <Form.Item name="host" label="服务器地址" rules={[{ required: true, whitespace: true, message: '请填写 SMTP 服务器地址' }]}>
                        <Input placeholder="smtp.example.gov.cn" />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name="port" label="端口" rules={[{ required: true, message: '请填写端口' }]}>
                        <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name="secure" label="TLS 加密" valuePropName="checked" tooltip="465 端口一般直接使用 TLS；587 端口关闭此项">
                        <Switch />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="user" label="登录账号">
                        <Input autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="pass" label="登录密码" extra={channel?.settings.hasPass ? '已设置；留空则不修改' : undefined}>
                        <Input.Password autoComplete="new-password" placeholder={channel?.settings.hasPass ? '••••••（不修改）' : ''} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name="from" label="发件人" rules={[{ required: true, whitespace: true, message: '请填写发件人邮箱' }]}>
                        <Input placeholder="落实督办系统 <noreply@example.gov.cn>" />
                      </Form.Item>
                    </Col>
                  </Row>
                </>
              );
            }}
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
