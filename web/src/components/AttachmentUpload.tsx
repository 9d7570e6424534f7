import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Typography, Upload, type UploadProps, type UploadFile } from 'antd';
import { upload } from '../api';
import { shrinkImage } from '../image';
import { usePhone } from '../phone';
import { errorMessage } from './feedback';

export type AttachmentFile = UploadFile<{ id: number }>;

const ACCEPT = '.jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx';
export const OFFLINE_FILE = '暂无网络，提交后随反馈保存在本机，恢复网络后自动上传';

// Files picked with no signal, to be kept with an offline report.
export const offlineFiles = (files: AttachmentFile[]): File[] =>
  files.flatMap((f) => (f.status !== 'done' && f.originFileObj ? [f.originFileObj as File] : []));

// The ids of the files that went up; throws (with the message to show) while one is still going or has failed.
export function uploadedIds(files: AttachmentFile[]): number[] {
  if (files.some((f) => f.status === 'uploading')) throw new Error('附件正在上传，请稍候再提交');
  if (files.some((f) => f.status === 'error')) throw new Error('有附件上传失败，请先删除失败的附件');
  return files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
}

// Photos and documents for a task, each sent to POST /tasks/{id}/attachments as soon as it is picked;
// the report or closing request then refers to them by id. Refusals (type, size) are listed under the files.
export function AttachmentUpload({
  taskId,
  files,
  onChange,
  label = '上传现场照片或材料',
}: {
  taskId: number;
  files: AttachmentFile[];
  onChange: (files: AttachmentFile[]) => void;
  label?: string;
}) {
  const phone = usePhone();
  const failed = files.filter((f) => f.status === 'error');
  const props: UploadProps<{ id: number }> = {
    listType: 'picture',
    multiple: true,
    fileList: files,
    onChange: ({ fileList }) => onChange(fileList),
    customRequest: async ({ file, onSuccess, onError }) => {
      if (!navigator.onLine) {
        onError?.(new Error(OFFLINE_FILE));
        return;
      }
      const body = new FormData();
      body.append('file', await shrinkImage(file as File));
      try {
        onSuccess?.(await upload('/api/v1/tasks/{id}/attachments', { id: taskId }, body));
      } catch (err) {
        onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
      }
    },
  };
  return (
    <>
      {phone && (
        // Opens the camera directly; the photo joins the list below.
        <Upload<{ id: number }> {...props} accept="image/*" capture="environment" showUploadList={false} className="camera-upload">
          <Button type="primary" icon={<CameraOutlined />}>
            拍照上传
          </Button>
        </Upload>
      )}
      <Upload<{ id: number }> {...props} accept={ACCEPT}>
        <Button icon={<UploadOutlined />}>{label}</Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        支持 JPG、PNG 图片（不超过 10MB）和 PDF、Word、Excel 文件（不超过 20MB），每次最多 20 个。
      </Typography.Paragraph>
      {failed.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title="以下附件上传失败"
          description={
            <ul className="problem-list">
              {failed.map((f) => (
                <li key={f.uid}>
                  {f.name}：{errorMessage(f.error)}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </>
  );
}
