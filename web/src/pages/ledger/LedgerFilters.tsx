import { DeleteOutlined, DownOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Dropdown, Form, Input, Row, Select, Space, Switch, Tooltip, type MenuProps } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api, call, type Query } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { COLOUR_HEX, COLOUR_LABELS, COLOURS, LEVEL_LABELS, SOURCE_LABELS, STATUS_LABELS, TASK_SOURCES, TASK_STATUSES } from '../../labels';
import { leaderOptions, useCategories, useLeaders, type SavedFilter } from '../../tasks';

// Every filter lives in the query string, so a ledger view can be bookmarked, shared and saved.
const FILTER_KEYS = [
  'keyword',
  'period',
  'unitId',
  'leadOnly',
  'leaderId',
  'source',
  'categoryId',
  'ownerUnitId',
  'level',
  'status',
  'colour',
  'overdue',
  'missingReport',
  'closedLate',
  'deadlineFrom',
  'deadlineTo',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

// The 只看 switches; 牵头 only narrows a chosen unit to the tasks it leads.
const ONLY_SWITCHES: { key: FilterKey; label: string }[] = [
  { key: 'overdue', label: '超期' },
  { key: 'missingReport', label: '缺报' },
  { key: 'closedLate', label: '逾期销号' },
  { key: 'leadOnly', label: '牵头' },
];

export const SORTS = ['deadline', '-deadline', 'percent', '-percent', 'updatedAt', '-updatedAt'] as const;
export type SortField = 'deadline' | 'percent' | 'updatedAt';
export const PAGE_SIZES = [10, 20, 50, 100];
const SAVED_FILTERS_KEY = ['saved-filters'];

export const sourceOptions = TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));
const statusOptions = TASK_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
export const levelOptions = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const colourOptions = COLOURS.map((c) => ({
  value: c,
  label: (
    <span className="colour-light">
      <span className="colour-dot" style={{ background: COLOUR_HEX[c] }} />
      {COLOUR_LABELS[c]}
    </span>
  ),
}));

export function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

const numberOrNull = (v: string | undefined) => (v ? Number(v) : null);

// The URL's filters as the API takes them: ids as numbers; the server checks the words (status, colour …).
type LedgerQuery = Query<'/api/v1/tasks'>;
export function ledgerQuery({ unitId, leaderId, categoryId, ownerUnitId, ...words }: Filters): LedgerQuery {
  return {
    ...(words as Omit<LedgerQuery, 'unitId' | 'leaderId' | 'categoryId' | 'ownerUnitId'>),
    unitId: numberOrNull(unitId) ?? undefined,
    leaderId: numberOrNull(leaderId) ?? undefined,
    categoryId: numberOrNull(categoryId) ?? undefined,
    ownerUnitId: numberOrNull(ownerUnitId) ?? undefined,
  };
}

// The owning offices named by the categories, each once.
export function ownerOptions(categories: { ownerUnitId: number | null; ownerUnitName: string | null }[]) {
  const owners = new Map<number, string>();
  for (const c of categories) if (c.ownerUnitId !== null) owners.set(c.ownerUnitId, c.ownerUnitName ?? '');
  return [...owners].map(([value, label]) => ({ value, label }));
}

interface FilterBarProps {
  filters: Filters;
  update: (patch: Partial<Record<FilterKey, string | undefined>>) => void;
  actions: ReactNode;
}

export function FilterBar({ filters, update, actions }: FilterBarProps) {
  const leaders = useLeaders();
  const categories = useCategories();
  const [keyword, setKeyword] = useState(filters.keyword ?? '');
  // A saved filter or 重置 changes the URL under the field: follow it.
  const [seenKeyword, setSeenKeyword] = useState(filters.keyword);
  if (seenKeyword !== filters.keyword) {
    setSeenKeyword(filters.keyword);
    setKeyword(filters.keyword ?? '');
  }
  const col = { xs: 24, md: 12, xl: 6 };
  return (
    <Form layout="horizontal" labelCol={{ flex: '76px' }} labelAlign="right" colon={false} className="filter-form">
      <Row gutter={[16, 0]}>
        <Col {...col}>
          <Form.Item label="关键词">
            <Input.Search
              placeholder="任务或责任人"
              allowClear
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              onSearch={(v) => update({ keyword: v.trim() || undefined })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="所属月份" tooltip="该月计划的事项，以及挂单转入该月的事项（标“挂单”）">
            <DatePicker
              picker="month"
              format="YYYY年MM月"
              style={{ width: '100%' }}
              placeholder="全部月份"
              value={filters.period ? dayjs(`${filters.period}-01`) : null}
              onChange={(d) => update({ period: d ? d.format('YYYY-MM') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="单位" tooltip="由该单位牵头或配合的事项">
            <UnitTreeSelect placeholder="全部单位" value={numberOrNull(filters.unitId)} onChange={(v) => update({ unitId: v ? String(v) : undefined })} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="责任领导">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部领导"
              loading={leaders.isPending}
              options={leaderOptions(leaders.data ?? [])}
              value={numberOrNull(filters.leaderId)}
              onChange={(v: number | undefined) => update({ leaderId: v ? String(v) : undefined })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="来源">
            <Select
              allowClear
              placeholder="全部来源"
              options={sourceOptions}
              value={filters.source ?? null}
              onChange={(v: string | undefined) => update({ source: v })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="类别">
            <Select
              allowClear
              placeholder="全部类别"
              loading={categories.isPending}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={numberOrNull(filters.categoryId)}
              onChange={(v: number | undefined) => update({ categoryId: v ? String(v) : undefined })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="归口单位" tooltip="归口该单位的类别的事项">
            <Select
              allowClear
              placeholder="全部归口单位"
              loading={categories.isPending}
              options={ownerOptions(categories.data ?? [])}
              value={numberOrNull(filters.ownerUnitId)}
              onChange={(v: number | undefined) => update({ ownerUnitId: v ? String(v) : undefined })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="等级">
            <Select
              allowClear
              placeholder="全部等级"
              options={levelOptions}
              value={filters.level ?? null}
              onChange={(v: string | undefined) => update({ level: v })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="状态">
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder="全部状态"
              options={statusOptions}
              value={filters.status ? filters.status.split(',') : []}
              onChange={(v: string[]) => update({ status: v.length ? v.join(',') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="亮灯">
            <Select
              allowClear
              placeholder="全部亮灯"
              options={colourOptions}
              value={filters.colour ?? null}
              onChange={(v: string | undefined) => update({ colour: v })}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="完成时限">
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              placeholder={['起', '止']}
              value={[filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null, filters.deadlineTo ? dayjs(filters.deadlineTo) : null]}
              allowEmpty={[true, true]}
              onChange={(range) =>
                update({ deadlineFrom: range?.[0]?.format('YYYY-MM-DD') ?? undefined, deadlineTo: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
              }
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="只看">
            <Space size="large">
              {ONLY_SWITCHES.filter((o) => o.key !== 'leadOnly' || filters.unitId).map((o) => (
                <span key={o.key} className="switch-label">
                  <Switch
                    size="small"
                    checked={filters[o.key] === 'true'}
                    onChange={(on) => update({ [o.key]: on ? 'true' : undefined })}
                    aria-label={o.label}
                  />
                  {o.label}
                </span>
              ))}
            </Space>
          </Form.Item>
        </Col>
        <Col xs={24} xl={12} className="ledger-filter-actions">
          {actions}
        </Col>
      </Row>
    </Form>
  );
}

export function SavedFilters({ filters, onApply, onSave }: { filters: Filters; onApply: (query: Record<string, string>) => void; onSave: () => void }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const saved = useQuery({ queryKey: SAVED_FILTERS_KEY, queryFn: () => call(api.GET('/api/v1/saved-filters')).then((r) => r.items) });

  function remove(f: SavedFilter) {
    modal.confirm({
      title: `删除筛选“${f.name}”？`,
      content: '删除后不能恢复，台账数据不受影响。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/saved-filters/{id}', { params: { path: { id: f.id } } }));
          void message.success(`已删除筛选：${f.name}`);
          await queryClient.invalidateQueries({ queryKey: SAVED_FILTERS_KEY });
        } catch (err) {
          showError(err);
        }
      },
    });
  }

  const items: MenuProps['items'] = (saved.data ?? []).map((f) => ({
    key: String(f.id),
    label: (
      <div className="saved-filter-item">
        <span>{f.name}</span>
        <Tooltip title="删除">
          <Button
            type="text"
            size="small"
            aria-label={`删除筛选 ${f.name}`}
            icon={<DeleteOutlined />}
            onClick={(e) => {
              e.stopPropagation();
              remove(f);
            }}
          />
        </Tooltip>
      </div>
    ),
    onClick: () => {
      // Stored exactly as the page's query string had it.
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(f.query)) if (v !== undefined && v !== null && v !== '') query[k] = String(v);
      onApply(query);
      void message.info(`已应用筛选：${f.name}`);
    },
  }));

  return (
    <Space>
      <Dropdown
        trigger={['click']}
        menu={{ items: items.length ? items : [{ key: 'none', label: '还没有保存的筛选', disabled: true }] }}
        placement="bottomRight"
      >
        <Button icon={<FilterOutlined />}>
          我的筛选 <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <Tooltip title={Object.keys(filters).length ? undefined : '请先设置筛选条件'}>
        <Button icon={<SaveOutlined />} disabled={Object.keys(filters).length === 0} onClick={onSave}>
          保存当前筛选
        </Button>
      </Tooltip>
    </Space>
  );
}

export function SaveFilterModal({ filters, onClose }: { filters: Filters; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <FormModal<{ name: string }>
      title="保存当前筛选"
      okText="保存"
      width={480}
      onClose={onClose}
      onSubmit={async ({ name }) => {
        await call(api.POST('/api/v1/saved-filters', { body: { name: name.trim(), query: ledgerQuery(filters) } }));
        void message.success(`已保存筛选：${name.trim()}`);
        await queryClient.invalidateQueries({ queryKey: SAVED_FILTERS_KEY });
      }}
    >
      <Form.Item
        name="name"
        label="筛选名称"
        rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        extra="保存后可在“我的筛选”中一键应用，仅本人可见。"
      >
        <Input maxLength={50} placeholder="如：城关街道本月红灯事项" />
      </Form.Item>
    </FormModal>
  );
}
