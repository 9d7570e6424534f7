import { DeleteOutlined, DownloadOutlined, DownOutlined, FilterOutlined, ImportOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Dropdown,
  Empty,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type MenuProps,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, apiUrl, call, type Query } from '../api';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { ImportModal } from '../components/ImportModal';
import { PageHeader } from '../components/PageHeader';
import { ColourLight, DeadlineCountdown, MissingReportTag, StatusTag } from '../components/TaskTags';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import {
  COLOUR_HEX,
  COLOUR_LABELS,
  COLOURS,
  LEVEL_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  TASK_SOURCES,
  TASK_STATUSES,
  type StatusColour,
  type TaskSource,
} from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { EXPORT_ROLES, leaderOptions, TASKS_KEY, useCategories, useLeaders, useServerToday, type LedgerItem, type SavedFilter } from '../tasks';
import { formatTime } from '../time';

// Every filter lives in the query string, so a ledger view can be bookmarked, shared and saved.
const FILTER_KEYS = ['keyword', 'period', 'unitId', 'leaderId', 'source', 'categoryId', 'level', 'status', 'colour', 'overdue', 'missingReport'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const SORTS = ['deadline', '-deadline', 'percent', '-percent', 'updatedAt', '-updatedAt'] as const;
type SortField = 'deadline' | 'percent' | 'updatedAt';
const PAGE_SIZES = [10, 20, 50, 100];
const SAVED_FILTERS_KEY = ['saved-filters'];

const sourceOptions = TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));
const statusOptions = TASK_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const levelOptions = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const colourOptions = COLOURS.map((c) => ({
  value: c,
  label: (
    <span className="colour-light">
      <span className="colour-dot" style={{ background: COLOUR_HEX[c] }} />
      {COLOUR_LABELS[c]}
    </span>
  ),
}));

function readFilters(params: URLSearchParams): Filters {
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
function ledgerQuery({ unitId, leaderId, categoryId, ...words }: Filters): LedgerQuery {
  return {
    ...(words as Omit<LedgerQuery, 'unitId' | 'leaderId' | 'categoryId'>),
    unitId: numberOrNull(unitId) ?? undefined,
    leaderId: numberOrNull(leaderId) ?? undefined,
    categoryId: numberOrNull(categoryId) ?? undefined,
  };
}

export default function LedgerPage() {
  const me = useCurrentUser();
  const isOffice = hasRole(me, 'office');
  const canExport = hasRole(me, ...EXPORT_ROLES);
  const today = useServerToday();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<'save' | 'import' | null>(null);
  const navigate = useNavigate();

  const filters = readFilters(params);
  const sortParam = params.get('sort');
  const sort = SORTS.find((s) => s === sortParam);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;

  // Change some filters and start again from page 1; undefined or '' removes a filter.
  function update(patch: Partial<Record<FilterKey | 'sort' | 'page' | 'pageSize', string | undefined>>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  }

  const query = { ...ledgerQuery(filters), sort, page, pageSize };
  const ledger = useQuery({
    queryKey: [...TASKS_KEY, 'ledger', query],
    queryFn: () => call(api.GET('/api/v1/tasks', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  // The server counts every light under the other filters, so with one light chosen the rest still show their numbers.
  const counts = ledger.data?.counts ?? {};
  // The nearest 13710 limit not yet met, for the tasks on this page.
  const pageIds = (ledger.data?.items ?? []).map((t) => t.id);
  const dueDates = useQuery({
    queryKey: [...TASKS_KEY, 'due-dates', pageIds],
    queryFn: () => call(api.GET('/api/v1/chasing/due-dates', { params: { query: { taskIds: pageIds.join(',') } } })),
    enabled: pageIds.length > 0,
  });
  const nextDue = new Map((dueDates.data?.items ?? []).map((d) => [d.taskId, d.next]));
  const countTotal = COLOURS.reduce((sum, c) => sum + (counts[c] ?? 0), 0);

  const sortOrder = (field: SortField) => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);
  const onTableChange: TableProps<LedgerItem>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? (s.columnKey as SortField) : undefined;
    const nextSort = field ? (s?.order === 'descend' ? `-${field}` : field) : undefined;
    if (nextSort !== sort) {
      update({ sort: nextSort });
      return;
    }
    update({ page: String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? pageSize) });
  };

  const columns: TableColumnsType<LedgerItem> = [
    { title: '序号', key: 'index', width: 60, align: 'center', fixed: 'left', render: (_, __, i) => (page - 1) * pageSize + i + 1 },
    { title: '亮灯', dataIndex: 'colour', width: 84, fixed: 'left', render: (colour: StatusColour) => <ColourLight colour={colour} /> },
    {
      title: '工作任务',
      dataIndex: 'title',
      width: 240,
      fixed: 'left',
      render: (title: string, t) => (
        <div className="ledger-title">
          <Link to={`/tasks/${t.id}`}>{title}</Link>
          <div className="ledger-title-tags">
            {t.level === 'major' && <Tag color="red">重大</Tag>}
            {t.parentId !== null && <Tag>子事项</Tag>}
            {t.childCount > 0 && <Tag color="blue">含子事项 {t.childCount}</Tag>}
            {t.categoryName && <Tag color="geekblue">{t.categoryName}</Tag>}
            {t.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </div>
        </div>
      ),
    },
    { title: '来源', dataIndex: 'source', width: 110, render: (s: TaskSource) => SOURCE_LABELS[s] },
    { title: '责任领导', dataIndex: 'leadLeaderName', width: 90, render: (n: string | null) => n ?? '—' },
    { title: '牵头单位', dataIndex: 'leadUnitName', width: 130 },
    {
      title: '配合单位',
      dataIndex: 'cooperators',
      width: 130,
      render: (cs: LedgerItem['cooperators']) => (cs.length === 0 ? '—' : cs.map((c) => c.unitName).join('、')),
    },
    {
      title: '责任人',
      key: 'responsible',
      width: 120,
      render: (_, t) =>
        t.responsibleName ? (
          <div>
            <div>{t.responsibleName}</div>
            {t.responsiblePhone && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.responsiblePhone}
              </Typography.Text>
            )}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 112,
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (at: string) => <span className="nowrap-time">{formatTime(at).slice(0, 16)}</span>,
    },
    {
      title: '完成时限',
      dataIndex: 'deadline',
      key: 'deadline',
      width: 112,
      fixed: 'right',
      sorter: true,
      sortOrder: sortOrder('deadline'),
      render: (deadline: string, t) => {
        const next = nextDue.get(t.id);
        return (
          <div>
            <div>{deadline}</div>
            <DeadlineCountdown deadline={deadline} status={t.status} today={today} />
            {next && next.kind !== 'deadline' && (
              <div className={next.overdue ? 'next-due overdue' : 'next-due'} title={next.provisional ? '该年节假日未录入，暂按周一至周五计算' : undefined}>
                {next.label} {next.day.slice(5)}
                {next.provisional ? '（临时）' : ''}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: '进度',
      dataIndex: 'percent',
      key: 'percent',
      width: 124,
      fixed: 'right',
      sorter: true,
      sortOrder: sortOrder('percent'),
      render: (percent: number, t) => (
        <Progress
          percent={percent}
          size="small"
          strokeColor={t.colour === 'red' ? COLOUR_HEX.red : undefined}
          status={t.status === 'closed' ? 'success' : 'normal'}
        />
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      fixed: 'right',
      render: (_, t) => (
        <Space size={4} wrap>
          <StatusTag status={t.status} />
          {t.reportMissing && <MissingReportTag />}
        </Space>
      ),
    },
  ];

  const hasFilters = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title="工作台账"
        section="督查督办"
        subTitle="定责任、定进度、定质量，挂单跟踪，销号清零"
        extra={
          <Space>
            {isOffice && (
              <Button icon={<ImportOutlined />} onClick={() => setDialog('import')}>
                导入
              </Button>
            )}
            {canExport && (
              <Button icon={<DownloadOutlined />} href={apiUrl('/api/v1/tasks/export', {}, { ...filters, sort })} download>
                导出Excel
              </Button>
            )}
            {isOffice && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/tasks/new')}>
                新建事项
              </Button>
            )}
          </Space>
        }
      />

      <Card variant="borderless" className="ledger-filters" style={{ marginBottom: 16 }}>
        <FilterBar
          filters={filters}
          update={update}
          actions={
            <>
              <SavedFilters filters={filters} onApply={(q) => setParams(new URLSearchParams(q))} onSave={() => setDialog('save')} />
              <Button icon={<ReloadOutlined />} disabled={!hasFilters} onClick={() => setParams(new URLSearchParams(sort ? { sort } : {}))}>
                重置
              </Button>
            </>
          }
        />
      </Card>

      <Card variant="borderless">
        <div className="colour-chips" role="group" aria-label="按亮灯筛选">
          <button type="button" className={`colour-chip${filters.colour ? '' : ' active'}`} onClick={() => update({ colour: undefined })}>
            <span className="colour-chip-label">全部</span>
            <span className="colour-chip-count">{countTotal}</span>
          </button>
          {COLOURS.map((c) => (
            <button
              type="button"
              key={c}
              data-colour={c}
              className={`colour-chip${filters.colour === c ? ' active' : ''}`}
              style={{ ['--chip-colour' as string]: COLOUR_HEX[c] }}
              onClick={() => update({ colour: filters.colour === c ? undefined : c })}
            >
              <span className="colour-dot" style={{ background: COLOUR_HEX[c] }} />
              <span className="colour-chip-label">{COLOUR_LABELS[c]}</span>
              <span className="colour-chip-count">{counts[c] ?? 0}</span>
            </button>
          ))}
          <Typography.Text type="secondary" className="colour-chips-note">
            亮灯按服务器日期 {today} 计算
          </Typography.Text>
        </div>
        <Table<LedgerItem>
          rowKey="id"
          size="middle"
          loading={ledger.isFetching}
          dataSource={ledger.data?.items}
          columns={columns}
          scroll={{ x: 1340 }}
          onChange={onTableChange}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={ledger.isError ? ledger.error.message : hasFilters ? '没有符合筛选条件的事项' : '台账中还没有事项'}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: ledger.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (t) => `共 ${t} 项`,
          }}
        />
      </Card>

      {dialog === 'save' && <SaveFilterModal filters={filters} onClose={() => setDialog(null)} />}
      {dialog === 'import' && (
        <ImportModal
          title="导入工作任务"
          subject="工作任务"
          templateUrl="/api/v1/tasks/import/template"
          uploadPath="/api/v1/tasks/import"
          describe={(r) => `共导入事项 ${r.created} 项，均为草拟状态，请逐项核对后交办。`}
          onClose={() => setDialog(null)}
          onDone={() => update({ status: 'draft' })}
        />
      )}
    </>
  );
}

interface FilterBarProps {
  filters: Filters;
  update: (patch: Partial<Record<FilterKey, string | undefined>>) => void;
  actions: ReactNode;
}

function FilterBar({ filters, update, actions }: FilterBarProps) {
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
          <Form.Item label="所属月份">
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
          <Form.Item label="只看">
            <Space size="large">
              <span className="switch-label">
                <Switch size="small" checked={filters.overdue === 'true'} onChange={(on) => update({ overdue: on ? 'true' : undefined })} aria-label="超期" />
                超期
              </span>
              <span className="switch-label">
                <Switch
                  size="small"
                  checked={filters.missingReport === 'true'}
                  onChange={(on) => update({ missingReport: on ? 'true' : undefined })}
                  aria-label="缺报"
                />
                缺报
              </span>
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

function SavedFilters({ filters, onApply, onSave }: { filters: Filters; onApply: (query: Record<string, string>) => void; onSave: () => void }) {
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

function SaveFilterModal({ filters, onClose }: { filters: Filters; onClose: () => void }) {
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
