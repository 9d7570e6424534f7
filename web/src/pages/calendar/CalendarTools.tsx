import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../api';
import { ErrorAlert } from '../../components/feedback';
import { KIND_LABELS, weekdayLabel } from './MonthGrid';

// The calendar page's two tools: entering a day off or an adjusted working day, and counting days on.
export interface OverrideFields {
  range: [Dayjs, Dayjs];
  kind: 'off' | 'work';
  name?: string;
}

export function OverrideCard({ form, onSaved }: { form: FormInstance<OverrideFields>; onSaved: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save(v: OverrideFields) {
    setSaving(true);
    setError(null);
    try {
      const from = v.range[0].format('YYYY-MM-DD');
      const to = v.range[1].format('YYYY-MM-DD');
      const { items } = await call(api.POST('/api/v1/calendar/overrides', { body: { from, to, kind: v.kind, name: v.name?.trim() ?? '' } }));
      void message.success(`已录入 ${items.length} 天为${KIND_LABELS[v.kind]}`);
      form.resetFields();
      await onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="录入放假或调休" variant="borderless" style={{ marginBottom: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Form<OverrideFields> form={form} name="override" layout="vertical" initialValues={{ kind: 'off' }} onFinish={save} autoComplete="off">
        <Form.Item name="range" label="日期" rules={[{ required: true, message: '请选择日期' }]} extra="一次最多 31 天；也可点击左侧日历中的日期">
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'off', label: '放假' },
              { value: 'work', label: '调休上班' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="名称">
          <Input maxLength={50} placeholder="如：春节、县庆放假" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
          录入
        </Button>
      </Form>
    </Card>
  );
}

interface CalcFields {
  from: Dayjs;
  days: number;
  kind: 'calendar' | 'working';
}

export function CalculatorCard({ today }: { today: string }) {
  const [result, setResult] = useState<{ input: CalcFields; day: string; provisional: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function calculate(v: CalcFields) {
    setBusy(true);
    setError(null);
    try {
      const r = await call(api.POST('/api/v1/calendar/add', { body: { from: v.from.format('YYYY-MM-DD'), days: v.days, kind: v.kind } }));
      setResult({ input: v, ...r });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="日期推算" variant="borderless" style={{ marginBottom: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Form<CalcFields> name="calc" layout="vertical" initialValues={{ from: dayjs(today), days: 3, kind: 'working' }} onFinish={calculate} autoComplete="off">
        <Row gutter={12}>
          <Col span={13}>
            <Form.Item name="from" label="起算日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={11}>
            <Form.Item name="days" label="加" rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={0} max={366} precision={0} suffix="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Space align="start" wrap>
          <Form.Item name="kind" style={{ marginBottom: 0 }}>
            <Radio.Group
              options={[
                { value: 'working', label: '工作日' },
                { value: 'calendar', label: '自然日' },
              ]}
            />
          </Form.Item>
          <Button htmlType="submit" icon={<CalculatorOutlined />} loading={busy}>
            计算
          </Button>
        </Space>
      </Form>
      {result && (
        <div className="cal-calc-result">
          <div>
            {result.input.from.format('YYYY-MM-DD')} 起 {result.input.days} 个{result.input.kind === 'working' ? '工作日' : '自然日'}后：
          </div>
          <Typography.Text strong className="cal-calc-day">
            {result.day} {weekdayLabel(result.day)}
          </Typography.Text>
          {result.provisional && (
            <div>
              <Typography.Text type="warning">途经的日期尚无节假日安排，按周一至周五临时计算</Typography.Text>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
