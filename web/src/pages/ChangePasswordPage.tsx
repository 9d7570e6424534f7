import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type Me, call } from '../api';
import { ErrorAlert } from '../components/feedback';
import { LoginShell } from '../components/LoginShell';
import { PASSWORD_POLICY_TEXT } from '../labels';
import { PageHeader } from '../components/PageHeader';
import { ME_KEY, useLogout, useMe } from '../session';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function forcedReason(me: Me | null | undefined): string {
  if (me?.passwordExpired) return '您的密码已超过有效期，请修改密码后继续使用系统。';
  return '首次登录或密码已被管理员重置，请先修改密码后再使用系统。';
}

export default function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function change(values: PasswordForm) {
    setSaving(true);
    setError(null);
    try {
      const { user } = await call(
        api.POST('/api/v1/auth/password', {
          body: {
            currentPassword: values.currentPassword,
            newPassword: values.newPassword,
          },
        }),
      );
      queryClient.setQueryData(ME_KEY, user);
      void message.success('密码修改成功');
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const form = (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 20 }} title="密码要求" description={PASSWORD_POLICY_TEXT} />
      {error !== null && <ErrorAlert error={error} />}
      <Form<PasswordForm> layout="vertical" onFinish={change} autoComplete="off" requiredMark={false}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: '请输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('currentPassword') ? Promise.reject(new Error('新密码不能与当前密码相同')) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: forced ? 'space-between' : 'flex-start' }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            确认修改
          </Button>
          {forced && (
            <Button type="link" onClick={() => void logout()}>
              退出登录
            </Button>
          )}
        </Space>
      </Form>
    </>
  );

  if (forced) {
    return (
      <LoginShell>
        <Card className="login-card wide" title="修改密码" variant="borderless">
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${me?.displayName ?? ''}，${forcedReason(me)}`} />
          {form}
        </Card>
      </LoginShell>
    );
  }
  return (
    <>
      <PageHeader title="修改密码" section="个人中心" />
      <Card style={{ maxWidth: 560 }}>{form}</Card>
    </>
  );
}
