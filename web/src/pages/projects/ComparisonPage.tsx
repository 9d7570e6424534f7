import { DesktopOutlined, FileWordOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, apiUrl, call, type Schemas } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { COLOUR_LABELS, PROJECT_KIND_LABELS } from '../../labels';
import { useServerToday } from '../../tasks';
import { monthText, previousMonth } from '../stars/stars';
import { PhotoCompare, photoPlace } from './PhotoCompare';
import { COLOUR_TAG } from './ProjectsPage';
import './projects.css';

type Item = Schemas['PhotoComparison']['items'][number];

/** The meeting-room screen: one project per slide, arrow keys or the buttons to move, Escape to leave. */
function Slides({ period, items, onClose }: { period: string; items: Item[]; onClose: () => void }) {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') setIndex((i) => Math.min(i + 1, items.length - 1));
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') setIndex((i) => Math.max(i - 1, 0));
      else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length, onClose]);
  const item = items[index]!;
  return (
    <div className="comparison-slides" role="dialog" aria-label="放映">
      <div className="comparison-slide-head">
        <span>{monthText(period)}重点项目影像比绩</span>
        <span>
          {index + 1} / {items.length}
        </span>
      </div>
      <h1>
        {item.name} <Tag color={COLOUR_TAG[item.colour]}>{COLOUR_LABELS[item.colour]}</Tag>
      </h1>
      <div className="comparison-slide-head">
        <span>
          {PROJECT_KIND_LABELS[item.kind]} · {item.leadUnitName}
          {item.address && ` · ${item.address}`}
        </span>
        <span>{item.after && photoPlace(item.after)}</span>
      </div>
      <div className="comparison-slide-body">
        <PhotoCompare key={item.projectId} before={item.before} after={item.after} label={item.name} />
      </div>
      <div className="comparison-slide-foot">
        <Button size="large" icon={<LeftOutlined />} disabled={index === 0} onClick={() => setIndex(index - 1)}>
          上一个
        </Button>
        <Button size="large" onClick={onClose}>
          退出放映
        </Button>
        <Button size="large" type="primary" disabled={index === items.length - 1} onClick={() => setIndex(index + 1)}>
          下一个 <RightOutlined />
        </Button>
      </div>
    </div>
  );
}

export default function ComparisonPage() {
  const thisMonth = useServerToday().slice(0, 7);
  const [period, setPeriod] = useState(thisMonth);
  const [showing, setShowing] = useState(false);
  const query = useQuery({
    queryKey: ['projects', 'comparison', period],
    queryFn: () => call(api.GET('/api/v1/projects/comparison', { params: { query: { period } } })),
  });
  const items = query.data?.items ?? [];
  const months = [0, 1, 2, 3, 4, 5].reduce<string[]>((list, i) => [...list, i === 0 ? thisMonth : previousMonth(list[i - 1]!)], []);

  return (
    <>
      <PageHeader
        title="影像比绩"
        section="督查督办"
        parents={[{ title: '重点项目', to: '/projects' }]}
        subTitle="每个重点项目本月最近的现场照片与此前最近的照片对比，拖动中间的竖线查看前后变化"
        extra={
          <Space wrap>
            <Select
              aria-label="月份"
              value={period}
              onChange={setPeriod}
              style={{ width: 130 }}
              options={months.map((m) => ({ value: m, label: `${monthText(m)}` }))}
            />
            <Button icon={<DesktopOutlined />} disabled={items.length === 0} onClick={() => setShowing(true)}>
              放映
            </Button>
            <a href={apiUrl('/api/v1/projects/comparison.docx', {}, { period })}>
              <Button icon={<FileWordOutlined />}>下载 Word</Button>
            </a>
          </Space>
        }
      />
      {items.length === 0 && !query.isLoading ? (
        <Card>
          <Empty description="没有重点项目" />
        </Card>
      ) : (
        <div className="comparison-grid">
          {items.map((item) => (
            <Card
              key={item.projectId}
              size="small"
              loading={query.isLoading}
              title={
                <Space>
                  <Tag color={COLOUR_TAG[item.colour]}>{COLOUR_LABELS[item.colour]}</Tag>
                  <Link to={`/projects/${item.projectId}`}>{item.name}</Link>
                </Space>
              }
              extra={<Typography.Text type="secondary">{item.leadUnitName}</Typography.Text>}
            >
              <PhotoCompare before={item.before} after={item.after} label={item.name} />
              {item.after && photoPlace(item.after) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {photoPlace(item.after)}
                </Typography.Text>
              )}
            </Card>
          ))}
        </div>
      )}
      {showing && <Slides period={period} items={items} onClose={() => setShowing(false)} />}
    </>
  );
}
