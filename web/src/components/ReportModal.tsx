import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Slider } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call } from '../api';
import { useServerToday, type TaskDetail } from '../tasks';
import { flushOutbox, isOffline, keepInOutbox } from '../outbox';
import { AttachmentUpload, OFFLINE_FILE, offlineFiles, uploadedIds, type AttachmentFile } from './AttachmentUpload';
import { FormModal } from './FormModal';

interface ReportFields {
  text: string;
  percent: number;
  problems?: string;
  coordination?: string;
  milestonesDone?: { milestoneId?: number; doneDate?: Dayjs; evidence?: string }[];
  actuals?: Record<string, number | null | undefined>;
}

// 反馈进度: what was done, how far, problems, milestones reached, indicator figures, photos and documents.
// Files go up one by one as they are picked; the report then refers to them by id.
export function ReportModal({ task, onClose, onDone }: { task: TaskDetail; onClose: () => void; onDone: (detail: TaskDetail) => Promise<void> }) {
  const today = useServerToday();
  const [files, setFiles] = useState<AttachmentFile[]>([]);
  // One key per report, so sending it again after a lost answer does not save it twice.
  const [clientKey] = useState(() => crypto.randomUUID());
  const { message } = App.useApp();
  const openMilestones = task.milestones.filter((m) => !m.doneDate);

  async function submit(values: ReportFields) {
    const milestonesDone = (values.milestonesDone ?? []).map((m) => ({
      milestoneId: m.milestoneId!,
      doneDate: m.doneDate!.format('YYYY-MM-DD'),
      evidence: m.evidence?.trim() ?? '',
    }));
    const indicatorActuals = Object.entries(values.actuals ?? {})
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([id, actual]) => ({ indicatorId: Number(id), actual }));
    const body = {
      text: values.text.trim(),
      percent: values.percent,
      problems: values.problems?.trim() ?? '',
      coordination: values.coordination?.trim() ?? '',
      milestonesDone,
      indicatorActuals,
    };
    const keep = async () => {
      const done = files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
      const photos = offlineFiles(files);
      await keepInOutbox({ clientKey, taskId: task.id, taskTitle: task.title, body: { ...body, attachmentIds: done }, photos });
      void message.info(`反馈${photos.length ? `和 ${photos.length} 个附件` : ''}已保存在本机，有网络时自动发送`, 6);
    };
    // Files picked with no signal go up with the kept report, even if the signal is back by now.
    if (!navigator.onLine || files.some((f) => f.error instanceof Error && f.error.message === OFFLINE_FILE)) {
      await keep();
      void flushOutbox();
      return;
    }
    try {
      const detail = await call(
        api.POST('/api/v1/tasks/{id}/reports', { params: { path: { id: task.id } }, body: { ...body, attachmentIds: uploadedIds(files), clientKey } }),
      );
      await onDone(detail);
    } catch (err) {
      if (!isOffline(err)) throw err;
      await keep();
    }
  }

  return (
    <FormModal<ReportFields>
      title={`反馈进度：${task.title}`}
      okText="提交反馈"
      width={820}
      initialValues={{ percent: task.percent, milestonesDone: [] }}
      onClose={onClose}
      onSubmit={submit}
    >
      {(form) => (
        <>
          <Form.Item name="text" label="进展情况" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder="本期完成了哪些工作、取得了什么成效" />
          </Form.Item>
          <Form.Item label="完成百分比" required>
            <Row gutter={16} align="middle">
              <Col flex="auto">
                <Form.Item name="percent" noStyle>
                  <Slider min={0} max={100} marks={{ 0: '0%', 25: '25%', 50: '50%', 75: '75%', 100: '100%' }} />
                </Form.Item>
              </Col>
              <Col flex="120px">
                <Form.Item name="percent" noStyle>
                  <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} aria-label="完成百分比" />
                </Form.Item>
              </Col>
            </Row>
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="problems" label="存在问题">
                <Input.TextArea rows={3} maxLength={2000} placeholder="推进中遇到的困难和问题（没有可不填）" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="coordination" label="需协调事项">
                <Input.TextArea rows={3} maxLength={2000} placeholder="需要县领导或其他单位协调解决的事项" />
              </Form.Item>
            </Col>
          </Row>

          {openMilestones.length > 0 && (
            <>
              <Divider titlePlacement="start" plain>
                关键节点完成情况
              </Divider>
              <Form.List name="milestonesDone">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => (
                      <Row key={field.key} gutter={8} align="top">
                        <Col span={10}>
                          <Form.Item
                            name={[field.name, 'milestoneId']}
                            rules={[
                              { required: true, message: '请选择节点' },
                              {
                                validator: async (_, v) => {
                                  const picked =
                                    (form.getFieldValue('milestonesDone') as ReportFields['milestonesDone'])?.filter((m) => m?.milestoneId === v) ?? [];
                                  if (v && picked.length > 1) throw new Error('该节点已选择');
                                },
                              },
                            ]}
                          >
                            <Select placeholder="完成的节点" options={openMilestones.map((m) => ({ value: m.id, label: `${m.name}（计划 ${m.dueDate}）` }))} />
                          </Form.Item>
                        </Col>
                        <Col span={5}>
                          <Form.Item name={[field.name, 'doneDate']} rules={[{ required: true, message: '请选择完成日期' }]}>
                            <DatePicker style={{ width: '100%' }} placeholder="完成日期" disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
                          </Form.Item>
                        </Col>
                        <Col flex="auto">
                          <Form.Item name={[field.name, 'evidence']}>
                            <Input maxLength={1000} placeholder="佐证（如：方案已印发，文号…）" />
                          </Form.Item>
                        </Col>
                        <Col flex="32px">
                          <Button type="text" aria-label="删除此节点" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                        </Col>
                      </Row>
                    ))}
                    {fields.length < openMilestones.length && (
                      <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ doneDate: dayjs(today) })} style={{ marginBottom: 16 }}>
                        登记已完成的关键节点
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            </>
          )}

          {task.indicators.length > 0 && (
            <>
              <Divider titlePlacement="start" plain>
                量化指标完成情况
              </Divider>
              <Row gutter={[16, 0]}>
                {task.indicators.map((i) => (
                  <Col span={12} key={i.id}>
                    <Form.Item name={['actuals', String(i.id)]} label={`${i.name}（目标 ${i.target}${i.unitOfMeasure}）`} initialValue={i.actual ?? undefined}>
                      <InputNumber style={{ width: '100%' }} suffix={i.unitOfMeasure || undefined} placeholder="实际完成值" />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </>
          )}

          <Divider titlePlacement="start" plain>
            图片和附件
          </Divider>
          <AttachmentUpload taskId={task.id} files={files} onChange={setFiles} />
        </>
      )}
    </FormModal>
  );
}
