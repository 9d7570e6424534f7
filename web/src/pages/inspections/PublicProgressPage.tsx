import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Image, Space, Spin, Tag, Typography } from 'antd';
import { api, apiUrl, call, type Schemas } from '../../api';
import { errorMessage } from '../../components/feedback';
import { COLOUR_LABELS, STATUS_LABELS } from '../../labels';
import './public.css';

type Item = Schemas['PublicItem'];
export const COLOUR_TAG: Record<Item['colour'], string> = { red: 'red', yellow: 'gold', blue: 'blue', green: 'green', grey: 'default' };

/** 重点工作落实情况公开: the public progress page, no login; only the items the office marked. */
export default function PublicProgressPage() {
  const q = useQuery({ queryKey: ['public-progress'], queryFn: () => call(api.GET('/api/v1/public/progress')) });
  return (
    <div className="public-page">
      <header className="public-header">
        <Typography.Title level={3}>重点工作落实情况公开</Typography.Title>
        <Typography.Text type="secondary">
          县委县政府督查室 · 舆论督办 · <a href="/api/v1/public/progress.rss">RSS 订阅</a> · <a href="/api/v1/public/progress">JSON</a>
        </Typography.Text>
      </header>
      {q.isPending && <Spin />}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data && !q.data.items.length && <Empty description="暂无公开事项" />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {q.data?.items.map((i) => (
          <Card key={i.id} id={`item-${i.id}`} className={`public-item public-${i.colour}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {i.title}
            </Typography.Title>
            <Space wrap size={[16, 4]}>
              <Tag color={COLOUR_TAG[i.colour]}>{COLOUR_LABELS[i.colour]}</Tag>
              <span>责任单位：{i.unitName}</span>
              {i.leaderName && <span>责任领导：{i.leaderName}</span>}
              <span>完成时限：{i.deadline}</span>
              <span>状态：{STATUS_LABELS[i.status]}</span>
            </Space>
            <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{i.progress}</Typography.Paragraph>
            {i.photoIds.length > 0 && (
              <Image.PreviewGroup>
                <Space wrap>
                  {i.photoIds.map((p) => (
                    <Image key={p} width={160} src={apiUrl('/api/v1/public/progress/{id}/photos/{photoId}', { id: i.id, photoId: p })} alt="现场照片" />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
          </Card>
        ))}
      </Space>
    </div>
  );
}
