import { BellOutlined, ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api';
import { BOARD_KEY, CHASING_SHEET_KINDS, DUE_KIND_LABELS, SHEET_KIND_HEX, SHEET_KIND_NOTES, useUrge, type BoardSheet } from '../chasing';
import { useShowError } from '../components/feedback';
import { FormModal } from '../components/FormModal';
import { PageHeader } from '../components/PageHeader';
import { SheetKindTag } from '../components/SheetKindTag';
import { UnitTreeSelect } from '../components/UnitTreeSelect';
import { useCategories } from '../tasks';
import { ownerOptions } from './ledger/LedgerFilters';
import { SHEET_KIND_LABELS, type SheetDueKind } from '../labels';
import { useServerToday } from '../tasks';
import { formatTime } from '../time';

// Days a sheet has stayed open before it shows in orange, then red.
const DAYS_OPEN_WARN = 3;
const DAYS_OPEN_ALARM = 7;

const kindOptions = CHASING_SHEET_KINDS.map((k) => ({ value: k, label: SHEET_KIND_LABELS[k] }));

export default function ChasingBoardPage() {
  const today = useServerToday();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const [urging, setUrging] = useState<BoardSheet | null>(null);
  const [scanning, setScanning] = useState(false);
  const [scanned, setScanned] = useState<{ tasks: number; issued: number } | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });

  const kind = CHASING_SHEET_KINDS.find((k) => k === params.get('kind'));
  const unitId = Number(params.get('unitId')) || undefined;
  const ownerUnitId = Number(params.get('ownerUnitId')) || undefined;
  const categories = useCategories();
  const unsignedOnly = params.get('unsigned') === 'true';

  function update(patch: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
    setPaging((p) => ({ ...p, page: 1 }));
  }

  const filters = { kind, unitId, ownerUnitId, unsignedOnly: unsignedOnly ? ('true' as const) : undefined };
  const query = { ...filters, ...paging };
  const board = useQuery({
    queryKey: [...BOARD_KEY, query],
    queryFn: () => call(api.GET('/api/v1/chasing/board', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  // The tiles count every kind under the other filters, so with one kind chosen the others still show their numbers;
  // only the counts are wanted, so the page is one row.
  const { kind: _kind, ...otherFilters } = filters;
  const withoutKind = { ...otherFilters, pageSize: 1 };
  const allKinds = useQuery({
    queryKey: [...BOARD_KEY, withoutKind],
    queryFn: () => call(api.GET('/api/v1/chasing/board', { params: { query: withoutKind } })),
    enabled: kind !== undefined,
    placeholderData: keepPreviousData,
  });
  const counts = (kind ? allKinds.data?.counts : board.data?.counts) ?? {};
  const canUrge = board.data?.canUrge ?? false;

  async function scan() {
    setScanning(true);
    try {
      const result = await call(api.POST('/api/v1/chasing/scan'));
      setScanned(result);
      void message.success(result.issued ? `扫描完成，新签发督办单 ${result.issued} 张` : '扫描完成，没有需要新签发的督办单');
      await board.refetch();
      if (kind) await allKinds.refetch();
    } catch (err) {
      showError(err);
    } finally {
      setScanning(false);
    }
  }

  const columns: TableColumnsType<BoardSheet> = [
    { title: '单号', dataIndex: 'number', width: 140, render: (n: string) => <span className="sheet-no">{n}</span> },
    { title: '类型', dataIndex: 'kind', width: 84, render: (k: string) => <SheetKindTag kind={k} /> },
    {
      title: '事项',
      dataIndex: 'taskTitle',
      render: (title: string, s) => (
        <div className="board-task">
          <Link to={`/tasks/${s.taskId}`}>{title}</Link>
          <Typography.Text type="secondary" className="board-task-meta">
            完成时限 {s.taskDeadline}
            {s.content.note ? ` · 催办说明：${s.content.note}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: '承办单位', dataIndex: 'unitName', width: 110 },
    {
      title: '所催时限',
      key: 'due',
      width: 110,
      render: (_, s) =>
        s.dueKind ? (
          <div>
            <div>{DUE_KIND_LABELS[s.dueKind as SheetDueKind] ?? s.dueKind}</div>
            <Typography.Text type="secondary" className="nowrap-time">
              {s.dueDay}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    { title: '签发时间', dataIndex: 'issuedAt', width: 136, render: (at: string) => <span className="nowrap-time">{formatTime(at).slice(0, 16)}</span> },
    {
      title: '已开天数',
      dataIndex: 'daysOpen',
      width: 84,
      align: 'right',
      render: (days: number, s) =>
        s.signedAt ? (
          <Typography.Text type="secondary">{days} 天</Typography.Text>
        ) : (
          <Typography.Text type={days >= DAYS_OPEN_ALARM ? 'danger' : days >= DAYS_OPEN_WARN ? 'warning' : undefined} strong={days >= DAYS_OPEN_ALARM}>
            {days} 天
          </Typography.Text>
        ),
    },
    {
      title: '签收',
      dataIndex: 'signedAt',
      width: 84,
      render: (signedAt: string | null) =>
        signedAt ? (
          <Tooltip title={`签收于 ${formatTime(signedAt)}`}>
            <Tag color="success" style={{ marginInlineEnd: 0 }}>
              已签收
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            待签收
          </Tag>
        ),
    },
    ...(canUrge
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 104,
            render: (_: unknown, s: BoardSheet) => (
              <Button type="link" size="small" icon={<BellOutlined />} onClick={() => setUrging(s)}>
                再次催办
              </Button>
            ),
          },
        ]
      : []),
  ];

  const hasFilters = kind !== undefined || unitId !== undefined || ownerUnitId !== undefined || unsignedOnly;
  const items = board.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="督办看板"
        section="督查督办"
        subTitle="交办单、催办单、预警单逐级加压；预警后仍未办结的移交纪委监委问责"
        extra={
          canUrge && (
            <Tooltip title="按时限规则检查所有督办中的事项，签发到期的催办单、预警单和移交问责">
              <Button type="primary" icon={<ScanOutlined />} loading={scanning} onClick={() => void scan()}>
                立即扫描
              </Button>
            </Tooltip>
          )
        }
      />

      {scanned && (
        <Alert
          type={scanned.issued ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setScanned(null)}
          style={{ marginBottom: 16 }}
          title={`本次扫描督办中的事项 ${scanned.tasks} 项，新签发督办单 ${scanned.issued} 张`}
        />
      )}

      <div className="sheet-tiles" role="group" aria-label="按单据类型筛选">
        {CHASING_SHEET_KINDS.map((k) => (
          <button
            type="button"
            key={k}
            data-kind={k}
            className={`overview-tile sheet-tile${kind === k ? ' active' : ''}`}
            style={{ borderTopColor: SHEET_KIND_HEX[k], ['--tile-colour' as string]: SHEET_KIND_HEX[k] }}
            onClick={() => update({ kind: kind === k ? undefined : k })}
          >
            <span className="overview-label">{SHEET_KIND_LABELS[k]}</span>
            <span className="overview-value" style={{ color: counts[k] ? SHEET_KIND_HEX[k] : undefined }}>
              {counts[k] ?? 0}
            </span>
            <span className="overview-note">{SHEET_KIND_NOTES[k]}</span>
          </button>
        ))}
      </div>

      <Card variant="borderless">
        <Form layout="inline" colon={false} className="board-filters">
          <Form.Item label="类型">
            <Select
              allowClear
              placeholder="全部类型"
              style={{ width: 150 }}
              options={kindOptions}
              value={kind ?? null}
              onChange={(v: string | undefined) => update({ kind: v })}
            />
          </Form.Item>
          <Form.Item label="承办单位">
            <UnitTreeSelect
              placeholder="全部单位"
              style={{ width: 220 }}
              value={unitId ?? null}
              onChange={(v) => update({ unitId: v ? String(v) : undefined })}
            />
          </Form.Item>
          <Form.Item label="归口单位">
            <Select
              allowClear
              placeholder="全部归口单位"
              style={{ width: 200 }}
              options={ownerOptions(categories.data ?? [])}
              value={ownerUnitId ?? null}
              onChange={(v: number | undefined) => update({ ownerUnitId: v ? String(v) : undefined })}
            />
          </Form.Item>
          <Form.Item>
            <span className="switch-label">
              <Switch size="small" checked={unsignedOnly} onChange={(on) => update({ unsigned: on ? 'true' : undefined })} aria-label="只看未签收" />
              只看未签收
            </span>
          </Form.Item>
          <Form.Item>
            <Button
              icon={<ReloadOutlined />}
              disabled={!hasFilters}
              onClick={() => {
                setParams(new URLSearchParams());
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            >
              重置
            </Button>
          </Form.Item>
          <Typography.Text type="secondary" className="board-note">
            已开天数按服务器日期 {today} 计算
          </Typography.Text>
        </Form>
        <Table<BoardSheet>
          rowKey="id"
          size="middle"
          loading={board.isFetching}
          dataSource={items}
          columns={columns}
          scroll={{ x: 1040 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={board.isError ? board.error.message : hasFilters ? '没有符合筛选条件的督办单' : '目前没有督办中的催办单、预警单'}
              />
            ),
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: board.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 张`,
            onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
        />
      </Card>

      {urging && <UrgeModal sheet={urging} onClose={() => setUrging(null)} />}
    </>
  );
}

function UrgeModal({ sheet, onClose }: { sheet: BoardSheet; onClose: () => void }) {
  const urge = useUrge();
  return (
    <FormModal<{ note?: string }> title="再次催办" okText="签发催办单" width={520} onClose={onClose} onSubmit={({ note }) => urge(sheet.taskId, note ?? '')}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={sheet.taskTitle}
        description={`向${sheet.unitName}签发人工催办单，承办单位负责人和联络员将收到提醒。每个事项每天可人工催办一次。`}
      />
      <Form.Item name="note" label="催办说明" extra="选填，写在催办单上，如：请于本周五前报送整改进展">
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：请于本周五前报送整改进展" />
      </Form.Item>
    </FormModal>
  );
}
