import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { BONUS_KIND_LABELS, BONUS_KINDS } from '@shared/labels';
import { api, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { hasRole, useCurrentUser } from '../../session';

type Settings = Schemas['AssessmentSettings'];

// A new part needs a key of its own; the name is what people see.
const newKey = (parts: { key?: string }[]) => {
  let n = parts.length + 1;
  while (parts.some((p) => p.key === `part_${n}`)) n++;
  return `part_${n}`;
};

export default function AssessmentSettingsPage() {
  const me = useCurrentUser();
  const manager = hasRole(me, 'office') || hasRole(me, 'assessment');
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['assessments', 'settings'], queryFn: () => call(api.GET('/api/v1/assessments/settings')) });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);
  const parts = Form.useWatch('parts', form) ?? [];
  const closing = Form.useWatch('closingWeight', form) ?? 0;
  const full = closing + parts.reduce((s, p) => s + (p?.max ?? 0), 0);

  async function save(v: Settings) {
    try {
      await call(api.POST('/api/v1/assessments/settings', { body: { ...v, version: q.data!.version } }));
      void message.success('已保存考核设置');
      await queryClient.invalidateQueries({ queryKey: ['assessments'] });
    } catch (e) {
      void message.error((e as Error).message);
    }
  }

  return (
    <>
      <PageHeader
        title="考核设置"
        section="考核评价"
        subTitle="季度奖励名额和加分分值、年度考核分项、等次分数线、末位单位个数；保存后用于未发布的季度和年度，已发布的不受影响"
      />
      <Form form={form} layout="vertical" disabled={!manager} onFinish={(v) => void save(v)} style={{ maxWidth: 880 }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card size="small" title="季度考核">
            <Space wrap size="large">
              <Form.Item name="rewardTowns" label="奖励的乡镇（街道）个数" rules={[{ required: true }]}>
                <InputNumber min={0} max={50} precision={0} />
              </Form.Item>
              <Form.Item name="rewardCounty" label="奖励的县直单位个数" rules={[{ required: true }]}>
                <InputNumber min={0} max={50} precision={0} />
              </Form.Item>
              {BONUS_KINDS.map((k) => (
                <Form.Item key={k} name={['bonusPoints', k]} label={`${BONUS_KIND_LABELS[k]}（分/项）`} rules={[{ required: true }]}>
                  <InputNumber min={0} step={0.5} precision={2} />
                </Form.Item>
              ))}
            </Space>
          </Card>
          <Card size="small" title={`年度考核分项（满分合计 ${full} 分）`}>
            <Form.Item name="closingWeight" label="工作落实（预安销号）分值：由全年月点评和季度加分折算" rules={[{ required: true }]}>
              <InputNumber min={0.01} step={1} precision={2} />
            </Form.Item>
            <Form.List name="parts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'key']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} label="分项名称" rules={[{ required: true, message: '请填写分项名称' }]}>
                        <Input maxLength={40} style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'max']} label="满分" rules={[{ required: true, message: '请填写满分' }]}>
                        <InputNumber min={0.01} step={1} precision={2} />
                      </Form.Item>
                      {manager && (
                        <Button type="link" danger onClick={() => remove(f.name)}>
                          删除
                        </Button>
                      )}
                    </Space>
                  ))}
                  {manager && <Button onClick={() => add({ key: newKey(form.getFieldValue('parts') ?? []), name: '', max: 10 })}>增加分项</Button>}
                </>
              )}
            </Form.List>
          </Card>
          <Card size="small" title="等次与结果运用">
            <Space wrap size="large">
              <Form.Item name={['grades', 'excellent']} label="优秀（分及以上）" rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
              <Form.Item name={['grades', 'good']} label="良好（分及以上）" rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
              <Form.Item name={['grades', 'fair']} label="一般（分及以上，以下为较差）" rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
              <Form.Item name="flaggedLast" label="每组末位单位个数（书面检查、约谈）" rules={[{ required: true }]}>
                <InputNumber min={0} max={10} precision={0} />
              </Form.Item>
            </Space>
          </Card>
          {manager ? (
            <Button type="primary" htmlType="submit">
              保存考核设置
            </Button>
          ) : (
            <Typography.Text type="secondary">考核设置由县委督查室和县考核办维护。</Typography.Text>
          )}
        </Space>
      </Form>
    </>
  );
}
