import { Alert, Col, DatePicker, Divider, Form, Input, InputNumber, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../api';
import { useServerToday, type TaskDetail } from '../tasks';
import { AttachmentUpload, uploadedIds, type AttachmentFile } from './AttachmentUpload';
import { FormModal } from './FormModal';

interface ClosingFields {
  summary: string;
  finishedOn: Dayjs;
  results?: Record<string, number | null | undefined>;
}

// 申请销号 (销号审批表): what was achieved, when it was finished, the indicator figures and the evidence;
// the supervision office, efficiency monitoring and the assessment office then review it together (三部联审).
export function ClosingRequestModal({ task, onClose, onDone }: { task: TaskDetail; onClose: () => void; onDone: () => Promise<void> }) {
  const today = useServerToday();
  const [files, setFiles] = useState<AttachmentFile[]>([]);

  async function submit(values: ClosingFields) {
    const attachmentIds = uploadedIds(files);
    if (task.evidenceRequired && attachmentIds.length === 0) throw new Error('该事项要求提供佐证材料，请上传验收报告、现场照片等附件');
    await call(
      api.POST('/api/v1/tasks/{id}/closing-requests', {
        params: { path: { id: task.id } },
        body: {
          summary: values.summary.trim(),
          finishedOn: values.finishedOn.format('YYYY-MM-DD'),
          indicatorResults: Object.entries(values.results ?? {})
            .filter((e): e is [string, number] => typeof e[1] === 'number')
            .map(([id, actual]) => ({ indicatorId: Number(id), actual })),
          attachmentIds,
        },
      }),
    );
    await onDone();
  }

  return (
    <FormModal<ClosingFields>
      title={`申请销号：${task.title}`}
      okText="提交销号申请"
      width={760}
      initialValues={{ finishedOn: dayjs(today) }}
      onClose={onClose}
      onSubmit={submit}
    >
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="提交后由督查室、效能监察室、考核办联合审核，全部同意即销号，任一不同意即退回整改。"
          description={task.standard ? `工作标准：${task.standard}` : undefined}
        />
        <Form.Item name="summary" label="完成情况" rules={[{ required: true, whitespace: true, message: '请填写完成情况' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="对照工作标准和量化指标，说明完成情况和取得的成效" />
        </Form.Item>
        <Form.Item
          name="finishedOn"
          label="申报完成日期"
          tooltip="单位申报的完成日期；是否逾期按提交申请的日期判定"
          rules={[
            { required: true, message: '请选择完成日期' },
            {
              validator: async (_, v?: Dayjs) => {
                if (v && v.format('YYYY-MM-DD') < task.startDate) throw new Error('完成日期不能早于事项开始日期');
              },
            },
          ]}
          extra={<LateHint deadline={task.deadline} today={today} />}
        >
          <DatePicker style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
        {task.indicators.length > 0 && (
          <>
            <Divider titlePlacement="start" plain>
              量化指标完成值
            </Divider>
            <Row gutter={[16, 0]}>
              {task.indicators.map((i) => (
                <Col span={12} key={i.id}>
                  <Form.Item name={['results', String(i.id)]} label={`${i.name}（目标 ${i.target}${i.unitOfMeasure}）`} initialValue={i.actual ?? undefined}>
                    <InputNumber style={{ width: '100%' }} suffix={i.unitOfMeasure || undefined} placeholder="最终完成值" />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        )}
        <Divider titlePlacement="start" plain>
          佐证材料{task.evidenceRequired ? '（必须提供）' : ''}
        </Divider>
        <AttachmentUpload taskId={task.id} files={files} onChange={setFiles} label="上传验收报告、现场照片等" />
      </>
    </FormModal>
  );
}

// Lateness follows the day the request is filed, not the date declared above.
function LateHint({ deadline, today }: { deadline: string; today: string }) {
  if (today > deadline) return <span style={{ color: '#d46b08' }}>今天已过完成时限 {deadline}，销号后将记为逾期销号</span>;
  return <span>完成时限 {deadline}</span>;
}
