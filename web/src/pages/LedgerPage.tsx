import { DownloadOutlined, FilterOutlined, ImportOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Drawer, Empty, Progress, Space, Table, Tag, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, apiUrl, call } from '../api';
import { ImportModal } from '../components/ImportModal';
import { PageHeader } from '../components/PageHeader';
import { CarriedTag, ClosedLateTag, ColourLight, DeadlineCountdown, MissingReportTag, StatusTag } from '../components/TaskTags';
import { COLOUR_HEX, COLOUR_LABELS, COLOURS, SOURCE_LABELS, type StatusColour, type TaskSource } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { EXPORT_ROLES, TASKS_KEY, useServerToday, type LedgerItem } from '../tasks';
import { usePhone } from '../phone';
import { formatTime } from '../time';
import { LedgerCards } from './ledger/LedgerCards';
import { type FilterKey, SORTS, type SortField, PAGE_SIZES, readFilters, ledgerQuery, FilterBar, SavedFilters, SaveFilterModal } from './ledger/LedgerFilters';

const PHONE_PAGE_SIZE = 10;

export default function LedgerPage() {
  const me = useCurrentUser();
  const isOffice = hasRole(me, 'office');
  const canExport = hasRole(me, ...EXPORT_ROLES);
  const today = useServerToday();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<'save' | 'import' | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const phone = usePhone();
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

  const listQuery = { ...ledgerQuery(filters), sort };
  const query = { ...listQuery, page, pageSize };
  const ledger = useQuery({
    queryKey: [...TASKS_KEY, 'ledger', query],
    queryFn: () => call(api.GET('/api/v1/tasks', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: !phone,
  });
  // On a phone the cards run on endlessly: each 加载更多 fetches the page after the last one's cursor (a keyset read).
  const cards = useInfiniteQuery({
    queryKey: [...TASKS_KEY, 'ledger-cards', listQuery],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/tasks', { params: { query: { ...listQuery, pageSize: PHONE_PAGE_SIZE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: phone,
  });
  const firstPage = phone ? cards.data?.pages[0] : ledger.data;
  // The server counts every light under the other filters, so with one light chosen the rest still show their numbers.
  const counts = firstPage?.counts ?? {};
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
            {t.cooperators
              .filter((c) => c.late)
              .map((c) => (
                <Tag key={`late-${c.unitId}`} color="red" title="该配合单位的分工已过时限仍未报告，事项因此亮红灯">
                  配合单位 {c.unitName} 逾期
                </Tag>
              ))}
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
      render: (cs: LedgerItem['cooperators']) =>
        cs.length === 0
          ? '—'
          : cs.map((c, i) => (
              <span key={c.unitId} className={c.late ? 'ledger-late-part' : undefined}>
                {i > 0 && '、'}
                {c.unitName}
              </span>
            )),
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
            <DeadlineCountdown deadline={deadline} status={t.status} today={today} closedOn={t.closedOn} />
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
          {t.carriedFrom && <CarriedTag from={t.carriedFrom} />}
          {t.closedLate && <ClosedLateTag />}
          {t.reportMissing && <MissingReportTag />}
        </Space>
      ),
    },
  ];

  const hasFilters = Object.keys(filters).length > 0;
  const filterBar = (
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
  );

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

      {phone ? (
        <>
          <Button block icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} style={{ marginBottom: 12 }}>
            筛选 <Badge count={Object.keys(filters).length} size="small" />
          </Button>
          <Drawer title="筛选事项" placement="bottom" size="85%" open={filtersOpen} onClose={() => setFiltersOpen(false)}>
            {filterBar}
          </Drawer>
        </>
      ) : (
        <Card variant="borderless" className="ledger-filters" style={{ marginBottom: 16 }}>
          {filterBar}
        </Card>
      )}

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
        {phone ? (
          <LedgerCards
            items={cards.data?.pages.flatMap((p) => p.items)}
            loading={cards.isFetching && !cards.isFetchingNextPage}
            today={today}
            empty={cards.isError ? cards.error.message : hasFilters ? '没有符合筛选条件的事项' : '台账中还没有事项'}
            total={firstPage?.total ?? 0}
            more={cards.hasNextPage ? { loading: cards.isFetchingNextPage, load: () => void cards.fetchNextPage() } : null}
          />
        ) : (
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
        )}
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
