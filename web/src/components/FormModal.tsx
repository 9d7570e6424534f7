import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../api';
import { ErrorAlert, isStale } from './feedback';

interface Props<T> {
  title: string;
  onClose: () => void;
  // Resolve to close the modal; throw to keep it open and show the error.
  onSubmit: (values: T) => Promise<unknown>;
  initialValues?: Partial<T>;
  okText?: string;
  width?: number;
  // A destructive action (撤销): the OK button turns red.
  danger?: boolean;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}

// A modal with one form: validation, saving state, server errors shown inside, stale versions reloaded.
export function FormModal<T extends object>({ title, onClose, onSubmit, initialValues, okText = '保存', width = 560, danger = false, children }: Props<T>) {
  const [form] = Form.useForm<T>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  async function finish(values: T) {
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (err) {
      if (isApiError(err, 409)) void queryClient.invalidateQueries();
      if (isStale(err)) {
        void message.warning(err instanceof Error ? err.message : '数据已变化，请重试');
        onClose();
      } else {
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText}
      okButtonProps={{ danger }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={finish} autoComplete="off">
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
