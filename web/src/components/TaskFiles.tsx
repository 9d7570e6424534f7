import { FileImageOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Image, Space, Typography } from 'antd';
import { attachmentUrl, fileSize } from '../tasks';

interface FileRef {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  hasThumbnail: boolean;
}

// A task's files: photos as thumbnails that open the full picture, other files as download links.
export function TaskFiles({ taskId, files, empty = '无' }: { taskId: number; files: FileRef[]; empty?: string }) {
  if (files.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const photos = files.filter((f) => f.hasThumbnail);
  const others = files.filter((f) => !f.hasThumbnail);
  return (
    <div className="report-files">
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space size={8} wrap>
            {photos.map((f) => (
              <Image
                key={f.id}
                width={120}
                height={90}
                className="report-photo"
                src={attachmentUrl(taskId, f.id, true)}
                alt={f.fileName}
                preview={{ src: attachmentUrl(taskId, f.id) }}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <div className="report-docs">
          {others.map((f) => (
            <a key={f.id} href={attachmentUrl(taskId, f.id)} download={f.fileName}>
              {f.mime.startsWith('image/') ? <FileImageOutlined /> : <PaperClipOutlined />} {f.fileName}
              <Typography.Text type="secondary"> （{fileSize(f.size)}）</Typography.Text>
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
