import { EditOutlined, MergeCellsOutlined, PlusOutlined, ScissorOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Empty, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, call } from '../../api';
import { useShowError } from '../../components/feedback';
import { FormModal } from '../../components/FormModal';
import { PlanFields, toContent, toFields, type PlanFieldValues } from '../../components/PlanFields';
import { planKey, type DraftItem, type PlanDetail, type PlanDraft } from '../../plans';
import { hasRole, useCurrentUser } from '../../session';
import { ORIGIN_LABELS } from '../../labels';
import { CarriedTaskTag, CarriedWithoutProposalAlert } from './carried';

// ---- 督查室汇总: the draft by leader and category, each item against its units' own proposals.

export function useDraft(id: number) {
  return useQuery({ queryKey: [...planKey(id), 'draft'], queryFn: () => call(api.GET('/api/v1/plans/{id}/draft', { params: { path: { id } } })) });
}

export function DraftTab({ plan }: { plan: PlanDetail }) {
  const me = useCurrentUser();
  const id = plan.period.id;
  const editable = hasRole(me, 'office') && (plan.period.status === 'consolidating' || plan.period.status === 'meeting');
  const draft = useDraft(id);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [modal, setModal] = useState<{ kind: 'add' } | { kind: 'edit' | 'split'; item: DraftItem } | { kind: 'merge'; items: DraftItem[] } | null>(null);
  const all = (draft.data?.groups ?? []).flatMap((g) => g.categories.flatMap((c) => c.items));

  async function consolidate() {
    setBusy(true);
    try {
      const { created, carriedWithoutProposal } = await call(api.POST('/api/v1/plans/{id}/consolidate', { params: { path: { id } } }));
      const missing = carriedWithoutProposal.length ? `；${carriedWithoutProposal.length} 项挂单事项没有审核通过的申报，未列入` : '';
      void message.success(`${created.length ? `已汇总 ${created.length} 项` : '没有新增的申报需要汇总'}${missing}`);
      await queryClient.invalidateQueries({ queryKey: planKey(id) });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {editable && (
        <Space style={{ marginBottom: 12 }} wrap>
          {plan.period.status === 'consolidating' && (
            <Button type="primary" icon={<SyncOutlined />} loading={busy} onClick={() => void consolidate()}>
              生成汇总稿
            </Button>
          )}
          <Button icon={<PlusOutlined />} onClick={() => setModal({ kind: 'add' })}>
            增加领导交办事项
          </Button>
          <Button
            icon={<MergeCellsOutlined />}
            disabled={selected.length < 2}
            onClick={() => setModal({ kind: 'merge', items: all.filter((i) => selected.includes(i.id)) })}
          >
            合并选中（{selected.length}）
          </Button>
          <Typography.Text type="secondary">与单位原申报不同之处以红（原）绿（现）标出</Typography.Text>
        </Space>
      )}
      {draft.data && <CarriedWithoutProposalAlert items={draft.data.carriedWithoutProposal} />}
      {draft.isPending ? (
        <Spin className="page-spin" />
      ) : all.length === 0 ? (
        <Empty description={plan.period.status === 'consolidating' ? '尚未汇总，请点击“生成汇总稿”' : '汇总稿暂无事项'} />
      ) : (
        <DraftGroups
          draft={draft.data!}
          render={(item) => (
            <DraftItemRow
              item={item}
              select={
                editable
                  ? { checked: selected.includes(item.id), onChange: (on) => setSelected(on ? [...selected, item.id] : selected.filter((x) => x !== item.id)) }
                  : undefined
              }
              extra={
                editable && (
                  <Space size={4}>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ kind: 'edit', item })}>
                      修改
                    </Button>
                    {item.carriedTaskId === null && (
                      <Button size="small" icon={<ScissorOutlined />} onClick={() => setModal({ kind: 'split', item })}>
                        拆分
                      </Button>
                    )}
                  </Space>
                )
              }
            />
          )}
        />
      )}
      {modal?.kind === 'add' && <ItemModal planId={id} onClose={() => setModal(null)} />}
      {modal?.kind === 'edit' && <ItemModal planId={id} item={modal.item} onClose={() => setModal(null)} />}
      {modal?.kind === 'split' && <SplitModal planId={id} item={modal.item} onClose={() => setModal(null)} />}
      {modal?.kind === 'merge' && <ItemModal planId={id} merge={modal.items} onClose={() => (setModal(null), setSelected([]))} />}
    </>
  );
}

export function DraftGroups({ draft, render }: { draft: PlanDraft; render: (item: DraftItem) => ReactNode }) {
  return (
    <div className="plan-draft">
      {draft.groups.map((g) => (
        <div key={g.leaderId ?? 'none'} style={{ marginBottom: 16 }}>
          <div className="plan-group-title">
            {g.leaderName}
            {g.leaderPosition && (
              <Typography.Text type="secondary" style={{ fontWeight: 400, marginLeft: 8 }}>
                {g.leaderPosition}
              </Typography.Text>
            )}
          </div>
          {g.categories.map((c) => (
            <div key={c.categoryId ?? 'none'}>
              <div className="plan-category-title">{c.categoryName}</div>
              {c.items.map((item) => (
                <div key={item.id}>{render(item)}</div>
              ))}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

export function DraftItemRow({ item, select, extra }: { item: DraftItem; select?: { checked: boolean; onChange: (on: boolean) => void }; extra?: ReactNode }) {
  const changes = item.sources.flatMap((s) => s.changes.map((c) => ({ ...c, unitName: s.unitName })));
  return (
    <div className="closing-item plan-item" data-item={item.title}>
      <div className="sheet-head">
        <Space size={8} wrap>
          {select && <Checkbox checked={select.checked} onChange={(e) => select.onChange(e.target.checked)} aria-label={`选择 ${item.title}`} />}
          <Typography.Text strong>{item.title}</Typography.Text>
          <Tag color={item.origin === 'leader_assigned' ? 'red' : item.origin === 'carried_over' ? 'purple' : 'blue'}>{ORIGIN_LABELS[item.origin]}</Tag>
          {item.carriedTaskId && item.origin !== 'carried_over' && <Tag color="purple">挂单</Tag>}
          {item.carriedTask && <CarriedTaskTag task={item.carriedTask} />}
          {item.sources.some((s) => s.late) && <Tag color="orange">逾期申报</Tag>}
          {changes.length > 0 && <Tag color="gold">已修改 {changes.length} 处</Tag>}
        </Space>
        {extra}
      </div>
      <div className="sheet-times">
        责任单位 {item.leadUnitName}
        {item.cooperatingUnitNames.length > 0 && ` · 配合 ${item.cooperatingUnitNames.join('、')}`} · 完成时限 {item.deadline}
        {item.milestones.length > 0 && ` · 节点 ${item.milestones.map((m) => `${m.name}（${m.dueDate}）`).join('；')}`}
      </div>
      {item.standard && <div className="sheet-times">标准：{item.standard}</div>}
      {item.carriedNote && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`挂单事项${item.carriedNote}`} />}
      {changes.length > 0 && (
        <div className="plan-diff">
          <Typography.Text type="warning">与{[...new Set(changes.map((c) => c.unitName))].join('、')}原申报相比：</Typography.Text>
          {changes.map((c) => (
            <div key={`${c.unitName}-${c.field}`}>
              <Typography.Text type="secondary">{c.label}：</Typography.Text>
              {c.from && <span className="plan-diff-from">{c.from}</span>} → <span className="plan-diff-to">{c.to || '（空）'}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function ItemModal({ planId, item, merge, onClose }: { planId: number; item?: DraftItem; merge?: DraftItem[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const base = item ?? merge?.[0];
  return (
    <FormModal<PlanFieldValues>
      title={merge ? `合并 ${merge.length} 项` : item ? `修改：${item.title}` : '增加领导交办事项'}
      okText={merge ? '合并' : '保存'}
      width={760}
      initialValues={
        base
          ? {
              ...toFields(base),
              cooperatingUnitIds: merge
                ? [...new Set(merge.flatMap((i) => [i.leadUnitId, ...i.cooperatingUnitIds]))].filter((u) => u !== base.leadUnitId)
                : base.cooperatingUnitIds,
            }
          : { milestones: [] }
      }
      onClose={onClose}
      onSubmit={async (values) => {
        const content = toContent(values);
        if (merge) await call(api.POST('/api/v1/plan-items/merge', { body: { ...content, itemIds: merge.map((i) => i.id), reason: values.reason?.trim() } }));
        else if (item)
          await call(
            api.PATCH('/api/v1/plan-items/{id}', {
              params: { path: { id: item.id } },
              body: { ...content, version: item.version, reason: values.reason?.trim() },
            }),
          );
        // The item form requires the lead unit.
        else await call(api.POST('/api/v1/plans/{id}/items', { params: { path: { id: planId } }, body: { ...content, leadUnitId: content.leadUnitId! } }));
        void message.success(merge ? '已合并' : item ? '已修改' : '已增加');
        await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      }}
    >
      {merge && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`合并：${merge.map((i) => i.title).join('；')}。保留第一项的位置，其余单位默认转为配合单位。`}
        />
      )}
      <PlanFields leadUnit reason={item || merge ? (merge ? '合并原因' : '修改原因') : undefined} />
    </FormModal>
  );
}

function SplitModal({ planId, item, onClose }: { planId: number; item: DraftItem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <FormModal<{ parts: { title: string }[]; reason: string }>
      title={`拆分：${item.title}`}
      okText="拆分"
      initialValues={{ parts: [{ title: item.title }, { title: '' }] }}
      onClose={onClose}
      onSubmit={async ({ parts, reason }) => {
        await call(
          api.POST('/api/v1/plan-items/{id}/split', {
            params: { path: { id: item.id } },
            body: { parts: parts.map((p) => ({ title: p.title.trim() })), reason: reason.trim() },
          }),
        );
        void message.success(`已拆分为 ${parts.length} 项`);
        await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      }}
    >
      <Typography.Paragraph type="secondary">每一项沿用原项的单位、时限和标准，拆分后可分别修改。</Typography.Paragraph>
      <Form.List name="parts">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item
                  name={[f.name, 'title']}
                  label={`第 ${i + 1} 项`}
                  rules={[{ required: true, whitespace: true, message: '请填写工作任务' }]}
                  style={{ width: 440 }}
                >
                  <Input maxLength={200} />
                </Form.Item>
                {fields.length > 2 && (
                  <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                    删除
                  </Button>
                )}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })} style={{ marginBottom: 16 }}>
              再拆一项
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="reason" label="拆分原因" rules={[{ required: true, whitespace: true, message: '请填写拆分原因' }]}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
