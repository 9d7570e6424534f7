import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, isApiError, call } from '../api';
import { errorMessage } from '../components/feedback';
import { LoginShell } from '../components/LoginShell';
import { ME_KEY } from '../session';

interface Credentials {
  username: string;
  password: string;
}

function loginErrorTitle(err: unknown): string {
  if (isApiError(err, 401)) return '登录失败';
  if (isApiError(err, 423)) return '账号已锁定';
  if (isApiError(err, 429)) return '尝试过于频繁';
  return '无法登录';
}

export default function LoginPage() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  // Set once the password was right and the account has a second factor: the single-use challenge for step two.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);

  async function login(values: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await call(api.POST('/api/v1/auth/login', { body: values }));
      if ('secondFactor' in answer) {
        setChallenge(answer.secondFactor.challenge);
        setSubmitting(false);
      } else queryClient.setQueryData(ME_KEY, answer.user);
    } catch (err) {
      setError(err);
      setSubmitting(false);
    }
  }

  async function verify(values: { code: string }) {
    if (!challenge) return;
    setSubmitting(true);
    setError(null);
    try {
      const { user } = await call(api.POST('/api/v1/auth/login/second-factor', { body: { challenge, code: values.code } }));
      queryClient.setQueryData(ME_KEY, user);
    } catch (err) {
      setError(err);
      setSubmitting(false);
      // An expired challenge or a lock needs the password again.
      if (isApiError(err, 423) || (isApiError(err, 401) && err.code === 'LOGIN_CHALLENGE_EXPIRED')) setChallenge(null);
    }
  }

  function backToPassword() {
    setChallenge(null);
    setError(null);
    setUseRecovery(false);
  }

  const alert = error !== null && (
    <Alert
      type={isApiError(error, 423) ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 20 }}
      title={challenge ? '验证失败' : loginErrorTitle(error)}
      description={errorMessage(error)}
    />
  );

  if (challenge) {
    return (
      <LoginShell>
        <Card className="login-card" title="动态口令验证" variant="borderless">
          {alert}
          <Typography.Paragraph type="secondary">
            {useRecovery
              ? '请输入一个尚未使用过的恢复码（形如 ABCDE-FGHIJ），每个恢复码只能使用一次。'
              : '密码正确。请打开手机上的身份验证器（如微信小程序“腾讯身份验证器”、Microsoft Authenticator），输入“落实”显示的 6 位动态口令。'}
          </Typography.Paragraph>
          <Form<{ code: string }> key={useRecovery ? 'recovery' : 'totp'} size="large" onFinish={verify} autoComplete="off">
            <Form.Item
              name="code"
              rules={[
                { required: true, whitespace: true, message: useRecovery ? '请输入恢复码' : '请输入 6 位动态口令' },
                ...(useRecovery ? [] : [{ pattern: /^\s*\d{6}\s*$/, message: '动态口令为 6 位数字' }]),
              ]}
            >
              <Input
                prefix={<SafetyOutlined />}
                placeholder={useRecovery ? '恢复码' : '6 位动态口令'}
                inputMode={useRecovery ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                maxLength={useRecovery ? 20 : 6}
                autoFocus
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                验证并登录
              </Button>
            </Form.Item>
          </Form>
          <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap' }}>
            <Button type="link" style={{ paddingInline: 0 }} onClick={() => setUseRecovery(!useRecovery)}>
              {useRecovery ? '使用动态口令' : '手机不在身边？使用恢复码'}
            </Button>
            <Button type="link" style={{ paddingInline: 0 }} onClick={backToPassword}>
              返回重新登录
            </Button>
          </div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
            手机丢失且恢复码用完时，请联系安全管理员重置动态口令。
          </Typography.Paragraph>
        </Card>
      </LoginShell>
    );
  }

  return (
    <LoginShell>
      <Card className="login-card" title="用户登录" variant="borderless">
        {alert}
        <Form<Credentials> size="large" onFinish={login} autoComplete="off">
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: '请输入账号' }]}>
            <Input prefix={<UserOutlined />} placeholder="账号" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </LoginShell>
  );
}
