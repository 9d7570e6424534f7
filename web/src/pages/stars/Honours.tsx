// 荣誉: the stars a unit or a person won and the highlight work of a unit that was selected, for the units and people pages.
import { StarFilled, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { api, call } from '../../api';
import { STAR_KIND_LABELS } from '../../labels';
import { monthText, periodText, voteText } from './stars';

function useHonours(query: { unitId?: number; personId?: number }) {
  return useQuery({ queryKey: ['stars', 'honours', query], queryFn: () => call(api.GET('/api/v1/stars/honours', { params: { query } })) });
}

export function HonoursList({ unitId, personId }: { unitId?: number; personId?: number }) {
  const honours = useHonours(unitId !== undefined ? { unitId } : { personId });
  const items = [
    ...(honours.data?.stars ?? []).map((s) => ({
      key: `s${s.id}`,
      period: s.period,
      tag: (
        <Tag color="red" icon={<StarFilled />}>
          {STAR_KIND_LABELS[s.kind]}
        </Tag>
      ),
      title: s.kind === 'cadre' ? `${s.personName}（${s.unitName}）` : s.unitName,
      text: s.citation,
      note: voteText(s),
      when: monthText(s.period),
    })),
    ...(honours.data?.highlights ?? []).map((h) => ({
      key: `h${h.id}`,
      period: h.period,
      tag: (
        <Tag color="gold" icon={<TrophyOutlined />}>
          亮点工作
        </Tag>
      ),
      title: h.title,
      text: h.description,
      note: h.reason,
      when: periodText(h.period),
    })),
  ].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <List
      size="small"
      loading={honours.isFetching}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无获评记录" /> }}
      renderItem={(i) => (
        <List.Item key={i.key}>
          <Space orientation="vertical" size={0}>
            <Space wrap>
              {i.tag}
              <Typography.Text strong>{i.when}</Typography.Text>
              <Typography.Text>{i.title}</Typography.Text>
            </Space>
            <span>{i.text}</span>
            {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function UnitHonoursCard({ unitId }: { unitId: number }) {
  return (
    <Card title="荣誉（单位之星、干部之星、亮点工作）" variant="borderless" style={{ marginBottom: 16 }} data-testid="unit-honours">
      <HonoursList unitId={unitId} />
    </Card>
  );
}
