import { useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, Input, Modal } from 'antd';
import { APPEAL_OBJECT_LABELS, type AppealObject } from '@shared/labels';
import { api, call } from '../../api';
import { usePhone } from '../../phone';

export interface AppealTarget {
  period: string;
  object: AppealObject;
  id: number;
  subject: string;
}

/** A unit's appeal (申诉) of one object of its published month: reason and evidence, sent once. */
export function AppealForm({ target, onClose }: { target: AppealTarget | null; onClose: () => void }) {
  const { message } = App.useApp();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string; evidence: string }>();
  return (
    <Modal
      open={target !== null}
      title="提出申诉"
      okText="提交申诉"
      cancelText="取消"
      width={phone ? '100%' : 560}
      destroyOnHidden
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          try {
            await call(
              api.POST('/api/v1/reviews/{period}/appeals', {
                params: { path: { period: target!.period } },
                body: { object: target!.object, id: target!.id, ...v },
              }),
            );
            void message.success('申诉已提交，请等待督查室处理');
            form.resetFields();
            onClose();
            await queryClient.invalidateQueries({ queryKey: ['appeals'] });
          } catch (e) {
            void message.error((e as Error).message);
          }
        })
      }
    >
      {target && (
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="月份">{target.period}</Descriptions.Item>
          <Descriptions.Item label={APPEAL_OBJECT_LABELS[target.object]}>{target.subject}</Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="申诉理由" rules={[{ required: true, whitespace: true, message: '请填写申诉理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="evidence" label="依据（文件文号、批示、照片说明等）" rules={[{ required: true, whitespace: true, message: '请填写申诉依据' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
