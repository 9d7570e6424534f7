import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { WEEKDAY_LABELS } from '../../labels';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { day, type TaskFields } from './taskFields';

// The task form's repeating parts: cooperating units, milestones, indicators, and the reporting cadence.

// 配合单位及分工: any unit but the lead unit, each once, with its part's terms (what, by when, to what standard).
export function CooperatorList() {
  const form = Form.useFormInstance<TaskFields>();
  return (
    <>
      <Typography.Text strong>配合单位及分工</Typography.Text>
      <Form.List name="cooperators">
        {(fields, { add, remove }) => (
          <div className="form-list">
            {fields.map((field) => (
              <div key={field.key} className="cooperator-terms">
                <Row gutter={8} align="top">
                  <Col xs={24} md={9}>
                    <Form.Item
                      name={[field.name, 'unitId']}
                      dependencies={['leadUnitId']}
                      rules={[
                        { required: true, message: '请选择配合单位' },
                        {
                          validator: async (_, v) => {
                            if (v && v === form.getFieldValue('leadUnitId')) throw new Error('配合单位不能与牵头单位相同');
                            const all = (form.getFieldValue('cooperators') as TaskFields['cooperators']).filter((c) => c?.unitId === v);
                            if (v && all.length > 1) throw new Error('配合单位有重复');
                          },
                        },
                      ]}
                    >
                      <UnitTreeSelect placeholder="配合单位" />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'part']}>
                      <Input maxLength={500} placeholder="该单位的分工，如：负责资金保障" aria-label="分工内容" />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" aria-label="删除配合单位" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
                <Row gutter={8} align="top">
                  <Col xs={24} md={9}>
                    <Form.Item
                      name={[field.name, 'dueDate']}
                      dependencies={['startDate', 'deadline']}
                      rules={[
                        {
                          validator: async (_, v?: Dayjs | null) => {
                            const start = form.getFieldValue('startDate') as Dayjs | undefined;
                            const deadline = form.getFieldValue('deadline') as Dayjs | undefined;
                            if (v && deadline && day(v) > day(deadline)) throw new Error('分工时限不能晚于事项完成时限');
                            if (v && start && day(v) < day(start)) throw new Error('分工时限不能早于开始日期');
                          },
                        },
                      ]}
                    >
                      <DatePicker style={{ width: '100%' }} placeholder="分工时限（不填则同完成时限）" aria-label="分工时限" />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item name={[field.name, 'standard']}>
                      <Input maxLength={2000} placeholder="分工完成标准，如：测算表经财政审核" aria-label="分工完成标准" />
                    </Form.Item>
                  </Col>
                  <Col flex="32px" />
                </Row>
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ part: '' })}>
              添加配合单位
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}

// 关键节点, each between the start date and the deadline.
export function MilestoneList() {
  const form = Form.useFormInstance<TaskFields>();
  return (
    <>
      <Typography.Text strong>关键节点</Typography.Text>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <div className="form-list">
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top">
                <Col flex="28px" className="form-list-index">
                  {index + 1}.
                </Col>
                <Col flex="auto">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}>
                    <Input maxLength={200} placeholder="节点名称，如：完成改造方案" />
                  </Form.Item>
                </Col>
                <Col flex="200px">
                  <Form.Item
                    name={[field.name, 'dueDate']}
                    dependencies={['startDate', 'deadline']}
                    rules={[
                      { required: true, message: '请选择节点时间' },
                      {
                        validator: async (_, v?: Dayjs) => {
                          const start = form.getFieldValue('startDate') as Dayjs | undefined;
                          const deadline = form.getFieldValue('deadline') as Dayjs | undefined;
                          if (v && deadline && day(v) > day(deadline)) throw new Error('节点时间晚于完成时限');
                          if (v && start && day(v) < day(start)) throw new Error('节点时间早于开始日期');
                        },
                      },
                    ]}
                  >
                    <DatePicker style={{ width: '100%' }} placeholder="节点时间" />
                  </Form.Item>
                </Col>
                <Col flex="32px">
                  <Button type="text" aria-label="删除关键节点" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
              添加关键节点
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}

// 报送频次: how often the unit reports once it has signed.
export function CadenceField() {
  const form = Form.useFormInstance<TaskFields>();
  const cadenceKind = Form.useWatch('cadenceKind', form);
  return (
    <>
      <Form.Item label="报送频次" style={{ marginTop: 20, marginBottom: 0 }}>
        <Space wrap>
          <Form.Item name="cadenceKind" noStyle>
            <Radio.Group
              options={[
                { value: 'none', label: '不要求' },
                { value: 'weekly', label: '每周' },
                { value: 'every_n_days', label: '每N天' },
                { value: 'monthly', label: '每月' },
              ]}
            />
          </Form.Item>
          {cadenceKind === 'weekly' && (
            <Form.Item name="weekday" noStyle>
              <Select style={{ width: 100 }} aria-label="每周报送日" options={WEEKDAY_LABELS.map((label, i) => ({ value: i + 1, label }))} />
            </Form.Item>
          )}
          {cadenceKind === 'every_n_days' && (
            <Form.Item name="everyDays" noStyle>
              <InputNumber min={1} max={90} precision={0} prefix="每" suffix="天" style={{ width: 130 }} aria-label="报送间隔天数" />
            </Form.Item>
          )}
          {cadenceKind === 'monthly' && (
            <Form.Item name="monthDay" noStyle>
              <InputNumber min={1} max={31} precision={0} suffix="日" style={{ width: 110 }} aria-label="每月报送日" />
            </Form.Item>
          )}
          <Typography.Text type="secondary">签收后按此频次反馈进度，逾期未报将标记“缺报”。</Typography.Text>
        </Space>
      </Form.Item>
    </>
  );
}

// 量化指标 with their targets.
export function IndicatorList() {
  return (
    <>
      <Typography.Text strong>量化指标</Typography.Text>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <div className="form-list">
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top">
                <Col flex="auto">
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
                    <Input maxLength={200} placeholder="指标，如：改造小区数" />
                  </Form.Item>
                </Col>
                <Col flex="180px">
                  <Form.Item name={[field.name, 'target']} rules={[{ required: true, message: '请填写目标值' }]}>
                    <InputNumber style={{ width: '100%' }} placeholder="目标值" />
                  </Form.Item>
                </Col>
                <Col flex="120px">
                  <Form.Item name={[field.name, 'unitOfMeasure']}>
                    <Input maxLength={20} placeholder="单位，如：个" />
                  </Form.Item>
                </Col>
                <Col flex="32px">
                  <Button type="text" aria-label="删除量化指标" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', unitOfMeasure: '' })}>
              添加量化指标
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}
