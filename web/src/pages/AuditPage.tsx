import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, apiUrl, type AuditEntry, type AuditVerification, call } from '../api';
import { ErrorAlert } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';
import { AUDIT_ACTION_LABELS, auditActionLabel, roleLabel, TARGET_TYPE_LABELS } from '../labels';
import { canOpen, NAV } from '../nav';
import { useCurrentUser } from '../session';
import { beijingToIso, formatTime } from '../time';

interface SearchFields {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  target?: string;
  result?: 'success' | 'failure';
  keyword?: string;
}

type Filters = Record<string, string | undefined>;

const actionOptions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));

function toFilters(values: SearchFields): Filters {
  const [from, to] = values.range ?? [];
  return {
    from: from ? beijingToIso(from) : undefined,
    to: to ? beijingToIso(to) : undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    target: values.target?.trim() || undefined,
    result: values.result,
    keyword: values.keyword?.trim() || undefined,
  };
}

// A short name for the changed object when the entry carries one.
function targetName(entry: AuditEntry): string | undefined {
  for (const snapshot of [entry.after, entry.before]) {
    const s = snapshot as { name?: unknown; title?: unknown; username?: unknown } | null;
    const name = s?.name ?? s?.title ?? s?.username;
    if (typeof name === 'string') return name;
  }
  return undefined;
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre className="audit-json">{value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

function EntryDetail({ entry }: { entry: AuditEntry }) {
  return (
    <div>
      {entry.reason && (
        <p style={{ marginTop: 0 }}>
          <Typography.Text type="secondary">原因：</Typography.Text>
          {entry.reason}
        </p>
      )}
      <div className="audit-diff">
        <JsonBlock title="变更前" value={entry.before} />
        <JsonBlock title="变更后" value={entry.after} />
      </div>
    </div>
  );
}

function auditColumns(objectName: (e: AuditEntry) => ReactNode): TableColumnsType<AuditEntry> {
  return [
    { title: '序号', dataIndex: 'seq', width: 70 },
    { title: '时间', dataIndex: 'occurredAt', width: 165, render: formatTime },
    { title: '操作人', dataIndex: 'actorName', width: 160, ellipsis: true },
    {
      title: '角色',
      dataIndex: 'actorRoles',
      width: 110,
      ellipsis: true,
      render: (roles: string[]) => (roles.length === 0 ? '—' : roles.map(roleLabel).join('、')),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 120,
      render: (action: string) => (
        <Tooltip title={action}>
          <span>{auditActionLabel(action)}</span>
        </Tooltip>
      ),
    },
    {
      title: '对象',
      key: 'target',
      ellipsis: true,
      render: (_, e) => objectName(e),
    },
    {
      title: '结果',
      dataIndex: 'result',
      width: 80,
      render: (result: AuditEntry['result']) => (result === 'success' ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>),
    },
    { title: 'IP', dataIndex: 'ip', width: 120, ellipsis: true, render: (ip: string) => <span className="mono">{ip || '—'}</span> },
    {
      title: '请求号',
      dataIndex: 'requestId',
      width: 110,
      // The first 8 characters are enough to tell requests apart on screen; the copy button gives the whole id.
      render: (id: string) => (
        <Typography.Text className="mono" copyable={{ text: id, tooltips: ['复制完整请求号', '已复制'] }} title={id}>
          {id.slice(0, 8)}
        </Typography.Text>
      ),
    },
  ];
}

// The menu entry whose page (or one of its sub-pages) a link opens, to link only what the auditor may open.
function navItemOf(link: string) {
  const opens = (path: string) => link === path || link.startsWith(`${path}/`);
  return NAV.find((n) => opens(n.path) || (n.children ?? []).some((c) => opens(c.path.split('/:')[0]!)));
}

export default function AuditPage() {
  const me = useCurrentUser();
  const [form] = Form.useForm<SearchFields>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | { error: unknown } | null>(null);

  const params = { ...filters, page, pageSize };
  const query = useQuery({
    queryKey: ['audit', params],
    queryFn: () => call(api.GET('/api/v1/audit', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  // The name and page of each object on this page, in one request.
  const refs = [...new Set((query.data?.items ?? []).filter((e) => /^\d+$/.test(e.targetId)).map((e) => `${e.targetType}:${e.targetId}`))].join(',');
  const names = useQuery({
    queryKey: ['audit', 'objects', refs],
    queryFn: () => call(api.GET('/api/v1/audit/objects', { params: { query: { refs } } })),
    enabled: refs !== '',
  });
  const named = new Map((names.data?.items ?? []).map((o) => [`${o.type}:${o.id}`, o]));
  const objectName = (e: AuditEntry) => {
    const kind = TARGET_TYPE_LABELS[e.targetType] ?? '对象';
    const object = named.get(`${e.targetType}:${e.targetId}`);
    const name = object?.name ?? targetName(e);
    if (!name) return `${kind} ${e.targetId}`;
    const item = object?.link ? navItemOf(object.link) : undefined;
    return (
      <span title={`${kind}编号 ${e.targetId}`}>
        {kind}：{item && canOpen(me, item) ? <Link to={object!.link!}>{name}</Link> : name}
      </span>
    );
  };

  async function verify() {
    setVerifying(true);
    try {
      setVerification(await call(api.POST('/api/v1/audit/verify')));
    } catch (err) {
      setVerification({ error: err });
    } finally {
      setVerifying(false);
    }
  }

  return (
    <>
      <PageHeader
        title="审计日志"
        section="安全审计"
        subTitle="全部用户和管理员的操作记录，采用哈希链防篡改，只可查阅不可修改"
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={apiUrl('/api/v1/audit/export', {}, { ...filters, format: 'xlsx' })} download>
              导出 Excel
            </Button>
            <Button icon={<DownloadOutlined />} href={apiUrl('/api/v1/audit/export', {}, { ...filters, format: 'csv' })} download>
              导出 CSV
            </Button>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify}>
              校验完整性
            </Button>
          </Space>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form<SearchFields>
          form={form}
          labelCol={{ flex: '72px' }}
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage(1);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} lg={12} xl={10}>
              <Form.Item name="range" label="时间">
                <DatePicker.RangePicker showTime style={{ width: '100%' }} placeholder={['开始时间', '结束时间']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6} xl={7}>
              <Form.Item name="actor" label="操作人">
                <Input allowClear placeholder="姓名或账号" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6} xl={7}>
              <Form.Item name="action" label="操作">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={actionOptions} placeholder="全部操作" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6} xl={7}>
              <Form.Item name="target" label="对象">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="全部对象"
                  options={Object.entries(TARGET_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6} xl={5}>
              <Form.Item name="result" label="结果">
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: 'success', label: '成功' },
                    { value: 'failure', label: '失败' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6} xl={6}>
              <Form.Item name="keyword" label="关键词">
                <Input allowClear placeholder="原因、内容等" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={6} xl={6} style={{ textAlign: 'right' }}>
              <Space>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setFilters({});
                    setPage(1);
                  }}
                >
                  重置
                </Button>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  查询
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card variant="borderless">
        {query.isError && <ErrorAlert error={query.error} />}
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={auditColumns(objectName)}
          expandable={{ expandedRowRender: (entry) => <EntryDetail entry={entry} /> }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的审计记录" /> }}
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, size) => {
              setPage(size === pageSize ? p : 1);
              setPageSize(size);
            },
          }}
        />
      </Card>
      {verification && <VerificationModal verification={verification} onClose={() => setVerification(null)} />}
    </>
  );
}

function VerificationModal({ verification, onClose }: { verification: AuditVerification | { error: unknown }; onClose: () => void }) {
  const footer = (
    <Button type="primary" onClick={onClose}>
      关闭
    </Button>
  );
  let body;
  if ('error' in verification) {
    body = <ErrorAlert error={verification.error} />;
  } else if (verification.ok) {
    body = <Result status="success" title="校验通过，审计日志完整" subTitle={`共校验 ${verification.checked} 条记录，哈希链连续，未发现篡改、删除或插入。`} />;
  } else {
    body = (
      <>
        <Result
          status="error"
          title={`校验未通过，发现 ${verification.problems.length} 处异常`}
          subTitle={`共校验 ${verification.checked} 条记录。请立即报告安全管理员并保全现场。`}
        />
        <Table
          size="small"
          rowKey={(p) => `${p.seq}:${p.kind}`}
          dataSource={verification.problems}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '类型', dataIndex: 'kind', width: 140 },
            { title: '说明', dataIndex: 'message' },
          ]}
        />
      </>
    );
  }
  return (
    <Modal open title="审计日志完整性校验" width={680} onCancel={onClose} footer={footer}>
      {body}
    </Modal>
  );
}
