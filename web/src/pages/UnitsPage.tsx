import { ApartmentOutlined, CheckCircleOutlined, EditOutlined, ImportOutlined, PlusOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Space, Switch, Table, Tag, Tree, type TreeDataNode } from 'antd';
import { useMemo, useRef, useState, type ComponentRef } from 'react';
import { api, type Person, type Unit, call } from '../api';
import { useShowError } from '../components/feedback';
import { PageHeader } from '../components/PageHeader';
import { UnitImportModal } from '../components/ImportModal';
import { UnitPostTags } from '../components/UnitPostTags';
import { UnitDeductionsCard } from '../components/Deductions';
import { UNIT_KIND_COLORS, UNIT_KINDS, type UnitKind } from '../labels';
import { hasRole, useCurrentUser } from '../session';
import { ancestorIds, childrenOf, UNITS_KEY, useUnitKindLabels, useUnits } from '../units';
import { UnitHonoursCard } from './stars/Honours';
import { CreateUnitModal, EditUnitModal, MoveUnitModal, DeactivateUnitModal, KindLabelsModal } from './units/UnitModals';

const groupKey = (kind: UnitKind) => `kind:${kind}`;

function UnitTitle({ unit, kindLabels }: { unit: Unit; kindLabels: Record<UnitKind, string> }) {
  return (
    <span className={unit.active ? 'unit-tree-node' : 'unit-tree-node inactive'}>
      <span className="unit-tree-name">{unit.name}</span>
      <Tag color={unit.active ? UNIT_KIND_COLORS[unit.kind] : undefined} style={{ marginInlineEnd: 0 }}>
        {kindLabels[unit.kind]}
      </Tag>
      {!unit.active && <Tag style={{ marginInlineEnd: 0 }}>已停用</Tag>}
    </span>
  );
}

// Top-level units are grouped by kind (市直单位, 乡镇街道 …) so the long first level stays readable.
function buildTree(units: Unit[], kindLabels: Record<UnitKind, string>): TreeDataNode[] {
  const children = childrenOf(units);
  const build = (unit: Unit): TreeDataNode => ({
    key: String(unit.id),
    title: <UnitTitle unit={unit} kindLabels={kindLabels} />,
    children: (children.get(unit.id) ?? []).map(build),
  });
  const roots = children.get(null) ?? [];
  return UNIT_KINDS.filter((kind) => roots.some((u) => u.kind === kind)).map((kind) => {
    const group = roots.filter((u) => u.kind === kind);
    return {
      key: groupKey(kind),
      title: `${kindLabels[kind]}（${group.length}）`,
      selectable: false,
      icon: <ApartmentOutlined />,
      children: group.map(build),
    };
  });
}

// The units to show: those matching the keyword, with their ancestors so the tree stays connected.
function visibleUnits(units: Unit[], keyword: string, showInactive: boolean): Unit[] {
  const shown = showInactive ? units : units.filter((u) => u.active);
  if (!keyword) return shown;
  const keep = new Set<number>();
  for (const u of shown) {
    if (u.name.includes(keyword) || u.code.toLowerCase().includes(keyword.toLowerCase())) {
      keep.add(u.id);
      for (const id of ancestorIds(units, u.id)) keep.add(id);
    }
  }
  return shown.filter((u) => keep.has(u.id));
}

// Keys to open so that the given units are visible: their group and every ancestor.
function keysToReveal(units: Unit[], ids: number[]): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const keys = new Set<string>();
  for (const id of ids) {
    const path = ancestorIds(units, id);
    const root = byId.get(path[0] ?? id);
    if (root) keys.add(groupKey(root.kind));
    for (const a of path) keys.add(String(a));
  }
  return [...keys];
}

type Dialog = { kind: 'create'; parentId: number | null } | { kind: 'edit' | 'move' | 'deactivate'; unit: Unit } | { kind: 'import' } | { kind: 'kinds' };

export default function UnitsPage() {
  const me = useCurrentUser();
  const canWrite = hasRole(me, 'sysadmin');
  const { data: units = [], isPending } = useUnits();
  const kindLabels = useUnitKindLabels();
  const queryClient = useQueryClient();
  const treeRef = useRef<ComponentRef<typeof Tree>>(null);
  const [keyword, setKeyword] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const shown = useMemo(() => visibleUnits(units, keyword.trim(), showInactive), [units, keyword, showInactive]);
  const treeData = useMemo(() => buildTree(shown, kindLabels), [shown, kindLabels]);
  // Until the user opens or closes nodes, the kind groups are open (and, while searching, every hit).
  const expandedKeys =
    expanded ??
    (keyword.trim()
      ? keysToReveal(
          units,
          shown.map((u) => u.id),
        )
      : UNIT_KINDS.map(groupKey));
  const selected = units.find((u) => u.id === selectedId) ?? null;

  function reveal(unit: Unit) {
    setSelectedId(unit.id);
    setExpanded([...new Set([...expandedKeys, ...keysToReveal([...units, unit], [unit.id])])]);
    // Wait for the tree to render the new node before scrolling to it.
    setTimeout(() => treeRef.current?.scrollTo({ key: String(unit.id), align: 'top' }), 100);
  }

  async function saved(unit: Unit) {
    await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    reveal(unit);
  }

  return (
    <>
      <PageHeader
        title="组织机构"
        section="组织人事"
        subTitle={`全县单位树：${UNIT_KINDS.map((k) => kindLabels[k]).join('、')}`}
        extra={
          canWrite && (
            <Space>
              <Button onClick={() => setDialog({ kind: 'kinds' })}>类型名称</Button>
              <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: 'import' })}>
                批量导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parentId: null })}>
                新增单位
              </Button>
            </Space>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={10} xl={9}>
          <Card
            title="单位树"
            variant="borderless"
            loading={isPending}
            extra={
              <Space size={6}>
                <span style={{ fontSize: 13, color: 'rgba(0,0,0,0.55)' }}>显示已停用</span>
                <Switch size="small" checked={showInactive} onChange={setShowInactive} />
              </Space>
            }
          >
            <Input.Search
              placeholder="按名称或编码查找单位"
              allowClear
              style={{ marginBottom: 12 }}
              onChange={(e) => {
                setKeyword(e.target.value);
                setExpanded(null);
              }}
            />
            {treeData.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={keyword ? '没有匹配的单位' : '暂无单位，请新增或批量导入'} />
            ) : (
              <Tree
                ref={treeRef}
                blockNode
                showIcon={false}
                height={600}
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedId === null ? [] : [String(selectedId)]}
                onSelect={(keys) => setSelectedId(keys.length ? Number(keys[0]) : null)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {selected ? (
            <UnitDetail unit={selected} units={units} canWrite={canWrite} onDialog={setDialog} />
          ) : (
            <Card variant="borderless">
              <Empty description="请在左侧单位树中选择一个单位查看详情" style={{ padding: '48px 0' }} />
            </Card>
          )}
        </Col>
      </Row>

      {dialog?.kind === 'create' && <CreateUnitModal parentId={dialog.parentId} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'edit' && <EditUnitModal unit={dialog.unit} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'move' && <MoveUnitModal unit={dialog.unit} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'deactivate' && <DeactivateUnitModal unit={dialog.unit} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'import' && <UnitImportModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'kinds' && <KindLabelsModal onClose={() => setDialog(null)} />}
    </>
  );
}

function UnitDetail({ unit, units, canWrite, onDialog }: { unit: Unit; units: Unit[]; canWrite: boolean; onDialog: (d: Dialog) => void }) {
  const queryClient = useQueryClient();
  const kindLabels = useUnitKindLabels();
  const showError = useShowError();
  const { message } = App.useApp();
  const me = useCurrentUser();
  // The system admin keeps the tree but sees no task data, so no deductions.
  const seesTasks = hasRole(me, 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre');
  const parent = units.find((u) => u.id === unit.parentId);
  const childCount = units.filter((u) => u.parentId === unit.id).length;

  async function activate() {
    try {
      await call(api.POST('/api/v1/units/{id}/activate', { params: { path: { id: unit.id } }, body: { version: unit.version } }));
      void message.success(`已启用：${unit.name}`);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    } catch (err) {
      showError(err);
    }
  }

  const actions = canWrite && (
    <Space wrap>
      {unit.active && unit.kind !== 'village' && (
        <Button icon={<PlusOutlined />} onClick={() => onDialog({ kind: 'create', parentId: unit.id })}>
          新增下级
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => onDialog({ kind: 'edit', unit })}>
        编辑
      </Button>
      <Button icon={<SwapOutlined />} onClick={() => onDialog({ kind: 'move', unit })}>
        移动
      </Button>
      {unit.active ? (
        <Button danger icon={<StopOutlined />} onClick={() => onDialog({ kind: 'deactivate', unit })}>
          停用
        </Button>
      ) : (
        <Popconfirm title={`确定启用“${unit.name}”吗？`} okText="启用" cancelText="取消" onConfirm={activate}>
          <Button icon={<CheckCircleOutlined />}>启用</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <>
      <Card title={unit.name} variant="borderless" extra={actions} style={{ marginBottom: 16 }}>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
          <Descriptions.Item label="单位名称">{unit.name}</Descriptions.Item>
          <Descriptions.Item label="单位编码">{unit.code}</Descriptions.Item>
          <Descriptions.Item label="单位类型">
            <Tag color={UNIT_KIND_COLORS[unit.kind]}>{kindLabels[unit.kind]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="上级单位">{parent?.name ?? '无（顶级单位）'}</Descriptions.Item>
          <Descriptions.Item label="主要负责人">{unit.headName ?? '未设置'}</Descriptions.Item>
          <Descriptions.Item label="联络员">{unit.liaisonName ?? '未设置'}</Descriptions.Item>
          <Descriptions.Item label="下级单位">{childCount} 个</Descriptions.Item>
          <Descriptions.Item label="排序号">{unit.sortOrder}</Descriptions.Item>
          <Descriptions.Item label="状态">{unit.active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>}</Descriptions.Item>
        </Descriptions>
      </Card>
      {seesTasks && <UnitDeductionsCard unitId={unit.id} />}
      {seesTasks && <UnitHonoursCard unitId={unit.id} />}
      <UnitPeople unitId={unit.id} />
    </>
  );
}

function UnitPeople({ unitId }: { unitId: number }) {
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const query = useQuery({
    queryKey: ['people', { unitId, page, pageSize }],
    queryFn: () => call(api.GET('/api/v1/people', { params: { query: { unitId, page, pageSize } } })),
  });
  return (
    <Card title="本单位及下级单位人员" variant="borderless">
      <Table<Person>
        rowKey="id"
        size="middle"
        loading={query.isPending}
        dataSource={query.data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无人员" /> }}
        pagination={{ current: page, pageSize, total: query.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 人`, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '所在单位', dataIndex: 'unitName' },
          { title: '职务', dataIndex: 'title' },
          { title: '单位职责', key: 'post', width: 200, render: (_, person) => <UnitPostTags person={person} /> },
          { title: '联系电话', dataIndex: 'phone', width: 140 },
        ]}
      />
    </Card>
  );
}
