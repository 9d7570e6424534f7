import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Divider, Form, InputNumber, Row, Skeleton, Switch } from 'antd';
import { useState } from 'react';
import { api, isApiError, type SecurityPolicy, call } from '../api';
import { ErrorAlert, useShowError } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';

const POLICY_KEY = ['security-policy'];

type PolicyFields = Omit<SecurityPolicy, 'version'>;

interface Field {
  name: keyof PolicyFields;
  label: string;
  unit: string;
  min: number;
  max: number;
  extra?: string;
}

// Ranges as the server checks them.
const SECTIONS: { title: string; fields: Field[] }[] = [
  {
    title: '口令策略',
    fields: [
      { name: 'minLength', label: '密码最小长度', unit: '位', min: 8, max: 64, extra: '另须包含大写字母、小写字母、数字和特殊符号' },
      { name: 'rotationDays', label: '密码更换周期', unit: '天', min: 0, max: 365, extra: '0 表示不强制定期更换' },
    ],
  },
  {
    title: '登录失败处理',
    fields: [
      { name: 'maxFailedLogins', label: '连续登录失败锁定次数', unit: '次', min: 3, max: 10 },
      { name: 'lockMinutes', label: '锁定时长', unit: '分钟', min: 5, max: 1440 },
    ],
  },
  {
    title: '会话控制',
    fields: [
      { name: 'idleMinutes', label: '空闲超时自动退出', unit: '分钟', min: 5, max: 120 },
      { name: 'absoluteHours', label: '会话最长有效期', unit: '小时', min: 1, max: 24 },
    ],
  },
];

export default function SecurityPolicyPage() {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const query = useQuery({ queryKey: POLICY_KEY, queryFn: () => call(api.GET('/api/v1/security-policy')) });
  const policy = query.data;

  async function save(values: PolicyFields) {
    if (!policy) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await call(api.PUT('/api/v1/security-policy', { body: { ...values, version: policy.version } }));
      queryClient.setQueryData(POLICY_KEY, saved);
      void message.success('安全策略已保存，新的登录和会话立即生效');
    } catch (err) {
      if (isApiError(err, 409)) showError(err);
      else setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageHeader title="安全策略" section="系统管理" subTitle="依据网络安全等级保护第三级要求设置身份鉴别和会话控制参数" />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card variant="borderless">
            {!policy ? (
              <Skeleton active />
            ) : (
              // Keyed by version so a reload after a conflict refills the form.
              <Form<PolicyFields>
                key={policy.version}
                layout="horizontal"
                labelCol={{ span: 8 }}
                wrapperCol={{ span: 14 }}
                initialValues={policy}
                onFinish={save}
              >
                {error !== null && <ErrorAlert error={error} />}
                {SECTIONS.map((section) => (
                  <div key={section.title}>
                    <Divider titlePlacement="start">{section.title}</Divider>
                    {section.fields.map((f) => (
                      <Form.Item key={f.name} name={f.name} label={f.label} extra={f.extra} rules={[{ required: true, message: `请输入${f.label}` }]}>
                        <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 200 }} />
                      </Form.Item>
                    ))}
                  </div>
                ))}
                <Divider titlePlacement="start">双因素认证</Divider>
                <Form.Item
                  name="totpRequired"
                  label="强制使用动态口令"
                  valuePropName="checked"
                  extra="开启后，督查室、县领导、纪委监委和三类管理员角色须在密码之外再输入手机动态口令；尚未绑定的用户登录后只能先完成绑定（包括您本人）。"
                >
                  <Switch checkedChildren="开启" unCheckedChildren="关闭" />
                </Form.Item>
                <Form.Item wrapperCol={{ offset: 8 }}>
                  <Button type="primary" htmlType="submit" loading={saving}>
                    保存策略
                  </Button>
                </Form.Item>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="等保三级常用取值" variant="borderless">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="密码复杂度">不少于 8 位，含大小写字母、数字和特殊符号</Descriptions.Item>
              <Descriptions.Item label="密码更换">90 天</Descriptions.Item>
              <Descriptions.Item label="登录失败">连续 5 次锁定 30 分钟</Descriptions.Item>
              <Descriptions.Item label="空闲超时">30 分钟</Descriptions.Item>
              <Descriptions.Item label="身份鉴别">口令与动态口令两种鉴别技术组合（第三级 身份鉴别 d）</Descriptions.Item>
            </Descriptions>
            <p style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 12, marginBottom: 0 }}>
              以上为测评实践中的常用取值，仅供参考，具体以本单位安全管理制度为准。修改记入审计日志。
            </p>
          </Card>
        </Col>
      </Row>
    </>
  );
}
