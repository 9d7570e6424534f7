import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
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

  async function login(values: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      const { user } = await call(api.POST('/api/v1/auth/login', { body: values }));
      queryClient.setQueryData(ME_KEY, user);
    } catch (err) {
      setError(err);
      setSubmitting(false);
    }
  }

  return (
    <LoginShell>
      <Card className="login-card" title="用户登录" variant="borderless">
        {error !== null && (
          <Alert
            type={isApiError(error, 423) ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 20 }}
            title={loginErrorTitle(error)}
            description={errorMessage(error)}
          />
        )}
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
