import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Skeleton, Space, Steps, Tag, Typography, type InputProps } from 'antd';
import { useState } from 'react';
import { api, call } from '../api';
import { ErrorAlert } from '../components/feedback';
import { LoginShell } from '../components/LoginShell';
import { PageHeader } from '../components/PageHeader';
import { ME_KEY, useLogout, useMe } from '../session';
import { formatTime } from '../time';

const TOTP_KEY = ['totp'];
const CODE_RULES = [
  { required: true, message: '请输入 6 位动态口令' },
  { pattern: /^\s*\d{6}\s*$/, message: '动态口令为 6 位数字' },
];

interface Enrolment {
  secret: string;
  qrCode: string;
}

// The secret as authenticator apps ask for it when typed by hand: groups of four.
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

// Form.Item hands its value and onChange down through the props.
function CodeInput({ placeholder = '6 位动态口令', ...rest }: InputProps) {
  return <Input {...rest} inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={placeholder} style={{ width: 180 }} />;
}

// Shown once, right after enrolment or regeneration; the server keeps only their hashes.
function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  const { message } = App.useApp();
  return (
    <div data-testid="recovery-codes">
      <Alert
        type="warning"
        showIcon
        title="请立即抄写或打印以下 10 个恢复码，妥善保管"
        description="恢复码只显示这一次。手机丢失或无法获取动态口令时，每个恢复码可代替动态口令登录一次。"
        style={{ marginBottom: 16 }}
      />
      <div className="recovery-codes">
        {codes.map((code) => (
          <Typography.Text key={code} code className="recovery-code">
            {code}
          </Typography.Text>
        ))}
      </div>
      <Space style={{ marginTop: 16 }} wrap>
        <Button
          onClick={() =>
            void navigator.clipboard?.writeText(codes.join('\n')).then(
              () => message.success('已复制到剪贴板'),
              () => message.error('无法访问剪贴板，请手工抄写'),
            )
          }
        >
          复制全部
        </Button>
        <Button type="primary" onClick={onDone}>
          {doneLabel}
        </Button>
      </Space>
    </div>
  );
}

function EnrolSteps({ enrolment, onConfirm, saving }: { enrolment: Enrolment; onConfirm: (code: string) => void; saving: boolean }) {
  return (
    <div className="totp-enrol">
      <Steps
        orientation="vertical"
        size="small"
        items={[
          {
            status: 'process',
            title: '在手机上安装身份验证器',
            description: '如微信小程序“腾讯身份验证器”、Microsoft Authenticator、Google Authenticator 等任一支持 TOTP 的应用。',
          },
          {
            status: 'process',
            title: '扫描二维码添加“落实”账号',
            description: (
              <div className="totp-qr">
                <img src={enrolment.qrCode} alt="动态口令绑定二维码" width={180} height={180} />
                <div>
                  <Typography.Text type="secondary">无法扫码时，在应用中选择“手动输入密钥”，输入：</Typography.Text>
                  <div>
                    <Typography.Text code copyable={{ text: enrolment.secret }} data-testid="totp-secret" className="totp-secret">
                      {grouped(enrolment.secret)}
                    </Typography.Text>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    类型：基于时间；位数：6；周期：30 秒。密钥只在绑定时显示，请勿截图外传。
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            status: 'process',
            title: '输入应用显示的 6 位动态口令完成绑定',
            description: (
              <Form<{ code: string }> layout="inline" onFinish={(v) => onConfirm(v.code)} style={{ marginTop: 8 }} autoComplete="off">
                <Form.Item name="code" rules={CODE_RULES}>
                  <CodeInput />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={saving}>
                    确认绑定
                  </Button>
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}

export default function AccountSecurityPage({ forced = false }: { forced?: boolean }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const { message } = App.useApp();
  const status = useQuery({ queryKey: TOTP_KEY, queryFn: () => call(api.GET('/api/v1/auth/totp')) });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setSaving(true);
    setError(null);
    try {
      return await work();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  const start = () => run(async () => setEnrolment(await call(api.POST('/api/v1/auth/totp/enrolment'))));
  const confirm = (code: string) =>
    run(async () => {
      const { recoveryCodes } = await call(api.POST('/api/v1/auth/totp/enrolment/confirm', { body: { code } }));
      setEnrolment(null);
      setCodes(recoveryCodes);
      void message.success('动态口令已启用');
    });
  const regenerate = (code: string) =>
    run(async () => {
      const { recoveryCodes } = await call(api.POST('/api/v1/auth/totp/recovery-codes', { body: { code } }));
      setCodes(recoveryCodes);
      void message.success('已生成新的恢复码，原恢复码全部作废');
    });
  const disable = (code: string) =>
    run(async () => {
      queryClient.setQueryData(TOTP_KEY, await call(api.POST('/api/v1/auth/totp/disable', { body: { code } })));
      void message.success('动态口令已停用');
    });
  // Codes seen: back to the status, or (forced) into the system, which /auth/me now lets through.
  const done = () => {
    setCodes(null);
    void queryClient.invalidateQueries({ queryKey: TOTP_KEY });
    if (forced) void queryClient.invalidateQueries({ queryKey: ME_KEY });
  };

  const s = status.data;
  let body;
  if (!s) body = <Skeleton active />;
  else if (codes) body = <RecoveryCodes codes={codes} onDone={done} doneLabel={forced ? '我已妥善保存，进入系统' : '我已妥善保存'} />;
  else if (enrolment) body = <EnrolSteps enrolment={enrolment} onConfirm={(c) => void confirm(c)} saving={saving} />;
  else if (!s.enabled)
    body = (
      <>
        <Typography.Paragraph>
          启用后，登录时除密码外还须输入手机身份验证器上每 30 秒变化一次的 6 位动态口令。即使密码泄露，他人也无法登录您的账号。
        </Typography.Paragraph>
        <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => void start()} loading={saving}>
          {s.enrolling ? '重新开始绑定' : '开始绑定动态口令'}
        </Button>
      </>
    );
  else
    body = (
      <>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="状态">
            <Tag color="success">已启用</Tag>
            {s.required && <Tag color="blue">安全策略要求</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="启用时间">{s.enabledAt ? formatTime(s.enabledAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label="剩余恢复码">
            <span data-testid="recovery-left">{s.recoveryCodesLeft}</span> 个
            {s.recoveryCodesLeft <= 3 && <Typography.Text type="warning">（即将用完，建议重新生成）</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>重新生成恢复码</Typography.Title>
        <Form<{ code: string }> layout="inline" onFinish={(v) => void regenerate(v.code)} autoComplete="off" style={{ marginBottom: 20 }}>
          <Form.Item name="code" rules={CODE_RULES}>
            <CodeInput placeholder="当前动态口令" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={saving}>
              生成新的恢复码
            </Button>
          </Form.Item>
        </Form>
        <Typography.Title level={5}>停用动态口令</Typography.Title>
        {s.required ? (
          <Typography.Text type="secondary">安全策略要求您的角色使用动态口令，不能停用。更换手机请联系安全管理员重置。</Typography.Text>
        ) : (
          <DisableForm onDisable={(c) => void disable(c)} saving={saving} />
        )}
      </>
    );

  const content = (
    <>
      {error !== null && <ErrorAlert error={error} />}
      {body}
    </>
  );

  if (forced) {
    return (
      <LoginShell>
        <Card className="login-card wide" title="绑定动态口令" variant="borderless">
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${me?.displayName ?? ''}，安全策略要求您的角色使用双因素认证，请先绑定动态口令后再使用系统。`}
          />
          {content}
          {!codes && (
            <div style={{ marginTop: 16, borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
              <Button type="link" style={{ paddingInline: 0 }} onClick={() => void logout()}>
                退出登录
              </Button>
            </div>
          )}
        </Card>
      </LoginShell>
    );
  }
  return (
    <>
      <PageHeader title="账号安全" section="个人中心" subTitle="动态口令（双因素认证）与恢复码" />
      <Card variant="borderless" title="动态口令" style={{ maxWidth: 760 }}>
        {content}
      </Card>
    </>
  );
}

function DisableForm({ onDisable, saving }: { onDisable: (code: string) => void; saving: boolean }) {
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Form form={form} layout="inline" autoComplete="off">
      <Form.Item name="code" rules={CODE_RULES}>
        <CodeInput placeholder="当前动态口令" />
      </Form.Item>
      <Form.Item>
        <Popconfirm
          title="确定停用动态口令吗？"
          description="停用后登录只需密码，恢复码全部作废。"
          okText="停用"
          cancelText="取消"
          onConfirm={() => void form.validateFields().then((v) => onDisable(v.code))}
        >
          <Button danger loading={saving}>
            停用
          </Button>
        </Popconfirm>
      </Form.Item>
    </Form>
  );
}
