import { createRoute, z } from '@hono/zod-openapi';
import { actingUser, BoolQuery, createRouter, errorResponses, IdParam, jsonBody, jsonResponse, VersionField } from '../../http.js';
import { STATUS_LABELS, TASK_STATUSES } from '../tasks/rules.js';
import { DOCX_TYPE, planDocx } from './plan-docx.js';
import * as rollover from './rollover.js';
import { DECISION_LABELS, PLAN_STATUS_LABELS, PROPOSAL_STATUS_LABELS, planLabel } from './rules.js';
import * as service from './service.js';
import { unitSheetXlsx, XLSX_TYPE } from './sheet-xlsx.js';
import * as store from './store.js';

const Day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const Id = z.number().int().positive();
const Text = (max: number) => z.string().trim().max(max);
const Binary = z.any().openapi({ type: 'string', format: 'binary' });
const fileResponse = (type: string, description: string) => ({ description, content: { [type]: { schema: Binary } } });

const Milestone = z.object({ name: Text(200).min(1, '请填写节点名称'), dueDate: Day });
const Content = {
  title: Text(200).min(1, '请填写工作任务'),
  measures: Text(5000).default(''),
  milestones: z.array(Milestone).max(50).default([]),
  standard: Text(5000).default(''),
  deadline: Day,
  categoryId: Id.nullable().default(null),
  leadLeaderId: Id.nullable().default(null),
  cooperatingUnitIds: z.array(Id).max(50).default([]),
};
const ProposalInput = z.object({ ...Content, timetable: Text(5000).default('') }).openapi('PlanProposalInput');
const ItemInput = z.object({ ...Content, leadUnitId: Id }).openapi('PlanItemInput');
// A patch names only what changes; without defaults, so nothing unnamed is reset.
const ProposalChanges = z.object({
  title: Content.title.optional(),
  measures: Text(5000).optional(),
  timetable: Text(5000).optional(),
  milestones: z.array(Milestone).max(50).optional(),
  standard: Text(5000).optional(),
  deadline: Day.optional(),
  categoryId: Id.nullable().optional(),
  leadLeaderId: Id.nullable().optional(),
  cooperatingUnitIds: z.array(Id).max(50).optional(),
});
const ItemChanges = ProposalChanges.omit({ timetable: true }).extend({ leadUnitId: Id.optional() });
const Reason = Text(500);

const PlanParam = IdParam;
const UnitSheetParam = IdParam.extend({
  unitId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'unitId', in: 'path' } }),
});

const Period = z
  .object({
    id: z.number(),
    kind: z.enum(['monthly', 'weekly']),
    period: z.string(),
    label: z.string(),
    title: z.string(),
    status: z.enum(['collecting', 'reviewing', 'consolidating', 'meeting', 'issued']),
    statusLabel: z.string(),
    proposeBy: z.string(),
    reviewBy: z.string(),
    consolidateBy: z.string(),
    meetingOn: z.string(),
    documentNumber: z.string().nullable(),
    issuedAt: z.string().nullable(),
    version: z.number(),
  })
  .openapi('PlanPeriod');

const presentPeriod = (p: store.PeriodRow): z.infer<typeof Period> => ({
  id: p.id,
  kind: p.kind,
  period: p.period,
  label: planLabel(p.kind, p.period),
  title: p.title,
  status: p.status,
  statusLabel: PLAN_STATUS_LABELS[p.status],
  proposeBy: p.proposeBy,
  reviewBy: p.reviewBy,
  consolidateBy: p.consolidateBy,
  meetingOn: p.meetingOn,
  documentNumber: p.documentNumber,
  issuedAt: p.issuedAt?.toISOString() ?? null,
  version: p.version,
});

const Proposal = z
  .object({
    id: z.number(),
    periodId: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    status: z.enum(['draft', 'submitted', 'returned', 'approved']),
    statusLabel: z.string(),
    title: z.string(),
    measures: z.string(),
    timetable: z.string(),
    milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
    standard: z.string(),
    deadline: z.string(),
    categoryId: z.number().nullable(),
    categoryName: z.string(),
    leadLeaderId: z.number().nullable(),
    leadLeaderName: z.string(),
    cooperatingUnitIds: z.array(z.number()),
    cooperatingUnitNames: z.array(z.string()),
    carriedTaskId: z.number().nullable(),
    late: z.boolean(),
    submittedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .openapi('PlanProposal');

const presentProposal = (p: store.ProposalRow, n: store.Names): z.infer<typeof Proposal> => ({
  id: p.id,
  periodId: p.periodId,
  unitId: p.unitId,
  unitName: n.units.get(p.unitId) ?? '',
  status: p.status,
  statusLabel: PROPOSAL_STATUS_LABELS[p.status],
  title: p.title,
  measures: p.measures,
  timetable: p.timetable,
  milestones: p.milestones,
  standard: p.standard,
  deadline: p.deadline,
  categoryId: p.categoryId,
  categoryName: p.categoryId ? (n.categories.get(p.categoryId)?.name ?? '') : '',
  leadLeaderId: p.leadLeaderId,
  leadLeaderName: p.leadLeaderId ? (n.leaders.get(p.leadLeaderId)?.name ?? '') : '',
  cooperatingUnitIds: p.cooperatingUnitIds,
  cooperatingUnitNames: p.cooperatingUnitIds.map((u) => n.units.get(u) ?? ''),
  carriedTaskId: p.carriedTaskId,
  late: p.late,
  submittedAt: p.submittedAt?.toISOString() ?? null,
  reviewedAt: p.reviewedAt?.toISOString() ?? null,
  reviewComment: p.reviewComment,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

const Item = z
  .object({
    id: z.number(),
    periodId: z.number(),
    origin: z.enum(['proposal', 'leader_assigned', 'carried_over']),
    sourceProposalIds: z.array(z.number()),
    title: z.string(),
    measures: z.string(),
    milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
    standard: z.string(),
    deadline: z.string(),
    categoryId: z.number().nullable(),
    leadLeaderId: z.number().nullable(),
    leadUnitId: z.number(),
    cooperatingUnitIds: z.array(z.number()),
    carriedTaskId: z.number().nullable(),
    decision: z.enum(['approved', 'amended', 'dropped']).nullable(),
    decisionLabel: z.string(),
    decisionNote: z.string(),
    taskId: z.number().nullable(),
    sortOrder: z.number(),
    version: z.number(),
  })
  .openapi('PlanItem');

const presentItem = (i: store.ItemRow): z.infer<typeof Item> => ({
  id: i.id,
  periodId: i.periodId,
  origin: i.origin,
  sourceProposalIds: i.sourceProposalIds,
  title: i.title,
  measures: i.measures,
  milestones: i.milestones,
  standard: i.standard,
  deadline: i.deadline,
  categoryId: i.categoryId,
  leadLeaderId: i.leadLeaderId,
  leadUnitId: i.leadUnitId,
  cooperatingUnitIds: i.cooperatingUnitIds,
  carriedTaskId: i.carriedTaskId,
  decision: i.decision,
  decisionLabel: i.decision ? DECISION_LABELS[i.decision] : '待决定',
  decisionNote: i.decisionNote,
  taskId: i.taskId,
  sortOrder: i.sortOrder,
  version: i.version,
});

const CarryOver = z
  .object({
    id: z.number(),
    taskId: z.number(),
    fromPeriod: z.string(),
    toPeriod: z.string(),
    reason: z.string(),
    reasonAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('CarryOver');
const presentCarryOver = (c: Awaited<ReturnType<typeof store.carryOversOf>>[number]): z.infer<typeof CarryOver> => ({
  id: c.id,
  taskId: c.taskId,
  fromPeriod: c.fromPeriod,
  toPeriod: c.toPeriod,
  reason: c.reason,
  reasonAt: c.reasonAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

const FieldChange = z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() }).openapi('PlanFieldChange');

const PlanDetail = z
  .object({
    period: Period,
    proposals: z.object({
      total: z.number(),
      byStatus: z.object({ draft: z.number(), submitted: z.number(), returned: z.number(), approved: z.number() }),
      late: z.number(),
    }),
    notProposed: z.array(z.object({ id: z.number(), name: z.string() })),
    items: z.object({ total: z.number(), undecided: z.number(), taskCount: z.number() }).nullable(),
  })
  .openapi('PlanDetail', { description: '计划及统计' });

const PROPOSAL_ACTIONS = ['edit', 'submit', 'approve', 'return'] as const;
type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];
// The service names its actions as plain strings; these are the only ones it offers.
const isProposalAction = (a: string): a is ProposalAction => (PROPOSAL_ACTIONS as readonly string[]).includes(a);

const ProposalDetail = z
  .object({
    proposal: Proposal,
    period: Period,
    actions: z.array(z.enum(PROPOSAL_ACTIONS)),
    revisions: z.array(z.object({ id: z.number(), at: z.string(), byName: z.string(), reason: z.string(), changes: z.array(FieldChange) })),
  })
  .openapi('PlanProposalDetail', { description: '申报详情' });

const DraftItem = Item.extend({
  leadLeaderName: z.string(),
  leadUnitName: z.string(),
  cooperatingUnitNames: z.array(z.string()),
  categoryName: z.string(),
  sources: z.array(z.object({ proposalId: z.number(), unitName: z.string(), late: z.boolean(), changes: z.array(FieldChange) })),
}).openapi('PlanDraftItem');
type DraftRow = Awaited<ReturnType<typeof service.draft>>['groups'][number]['categories'][number]['items'][number];
const presentDraftItem = (i: DraftRow): z.infer<typeof DraftItem> => ({
  ...presentItem(i),
  leadLeaderName: i.leadLeaderName,
  leadUnitName: i.leadUnitName,
  cooperatingUnitNames: i.cooperatingUnitNames,
  categoryName: i.categoryName,
  sources: i.sources,
});

const PlanDraft = z
  .object({
    period: Period,
    groups: z.array(
      z.object({
        leaderId: z.number().nullable(),
        leaderName: z.string(),
        leaderPosition: z.string(),
        categories: z.array(z.object({ categoryId: z.number().nullable(), categoryName: z.string(), items: z.array(DraftItem) })),
      }),
    ),
  })
  .openapi('PlanDraft', { description: '汇总稿' });

const UnitSheetItem = z
  .object({
    seq: z.number(),
    itemId: z.number(),
    taskId: z.number(),
    title: z.string(),
    measures: z.string(),
    milestones: z.array(z.object({ name: z.string(), dueDate: z.string() })),
    deadline: z.string(),
    standard: z.string(),
    role: z.enum(['lead', 'cooperate']),
    leadLeaderName: z.string(),
    leadUnitName: z.string(),
    cooperatingUnitNames: z.array(z.string()),
    carriedOver: z.boolean(),
    status: z.enum(TASK_STATUSES),
    statusLabel: z.string(),
    percent: z.number(),
  })
  .openapi('UnitPlanSheetItem');
const presentSheetItem = (i: Awaited<ReturnType<typeof service.unitSheet>>['items'][number]): z.infer<typeof UnitSheetItem> => ({
  seq: i.seq,
  itemId: i.itemId,
  taskId: i.taskId,
  title: i.title,
  measures: i.measures,
  milestones: i.milestones,
  deadline: i.deadline,
  standard: i.standard,
  role: i.role,
  leadLeaderName: i.leadLeaderName,
  leadUnitName: i.leadUnitName,
  cooperatingUnitNames: i.cooperatingUnitNames,
  carriedOver: i.carriedOver,
  status: i.status,
  statusLabel: STATUS_LABELS[i.status],
  percent: i.percent,
});
const UnitSheet = z
  .object({ period: Period, unit: z.object({ id: z.number(), name: z.string() }), items: z.array(UnitSheetItem) })
  .openapi('UnitPlanSheet', { description: '预安表' });

const tags = ['月度计划'];

export const planRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans',
      tags,
      summary: '月度、周计划列表',
      responses: { 200: jsonResponse(z.object({ items: z.array(Period) }), '计划'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.listPeriods(c.get('deps'), actingUser(c).actor)).map(presentPeriod) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans',
      tags,
      summary: '建立月度（2026-04）或周（2026-W15，10+N）计划（督查室）；挂单转入本月的事项预填为其牵头单位的申报草稿',
      request: jsonBody(z.object({ kind: z.enum(['monthly', 'weekly']), period: Text(10), title: Text(100).optional() })),
      responses: { 201: jsonResponse(Period, '已建立'), ...errorResponses },
    }),
    async (c) => c.json(presentPeriod(await service.createPeriod(c.get('deps'), actingUser(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}',
      tags,
      summary: '计划详情：各环节时限、申报数（按状态、逾期）、未申报单位',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(PlanDetail, '计划'), ...errorResponses },
    }),
    async (c) => {
      const detail = await service.getPeriod(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.json({ period: presentPeriod(detail.period), proposals: detail.proposals, notProposed: detail.notProposed, items: detail.items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/advance',
      tags,
      summary: '推进到下一环节：单位申报 → 分管审核 → 督查室汇总 → 会议研究（督查室）',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(Period, '已推进'), ...errorResponses },
    }),
    async (c) => c.json(presentPeriod(await service.advancePeriod(c.get('deps'), actingUser(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/proposals',
      tags,
      summary: '申报列表：督查室看全部，分管领导看分管单位，单位看本单位',
      request: { params: PlanParam, query: z.object({ status: z.enum(['draft', 'submitted', 'returned', 'approved']).optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(Proposal) }), '申报'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const rows = await service.listProposals(deps, actingUser(c).actor, c.req.valid('param').id, c.req.valid('query'));
      const n = await store.names(deps.db);
      return c.json({ items: rows.map((p) => presentProposal(p, n)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/proposals',
      tags,
      summary: '单位申报下期重点工作（草稿；本单位联络员或主要负责人）',
      request: { params: PlanParam, ...jsonBody(ProposalInput) },
      responses: { 201: jsonResponse(Proposal, '已保存草稿'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.createProposal(deps, actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentProposal(row, await store.names(deps.db)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/proposals/{id}',
      tags,
      summary: '申报详情：领导和督查室的每次修改（谁、何时、为何、改了什么），以及当前可做的操作',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ProposalDetail, '申报'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const detail = await service.getProposal(deps, actingUser(c).actor, c.req.valid('param').id);
      return c.json(
        {
          proposal: presentProposal(detail.proposal, await store.names(deps.db)),
          period: presentPeriod(detail.period),
          actions: detail.actions.filter(isProposalAction),
          revisions: detail.revisions.map((r) => ({ id: r.id, at: r.at.toISOString(), byName: r.byName, reason: r.reason, changes: r.changes })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/proposals/{id}',
      tags,
      summary: '修改申报：单位改自己的草稿或退回件；分管领导、督查室改已提交的申报须说明理由（留痕）',
      request: { params: IdParam, ...jsonBody(ProposalChanges.extend({ version: VersionField, reason: Reason.optional() })) },
      responses: { 200: jsonResponse(Proposal, '已修改'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.updateProposal(deps, actingUser(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/submit',
      tags,
      summary: '提交申报（单位主要负责人；单位无主要负责人账号时由联络员提交）；逾期提交标记为逾期',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Proposal, '已提交'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.submitProposal(deps, actingUser(c), c.req.valid('param').id);
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/approve',
      tags,
      summary: '审核通过（分管该单位的县领导）',
      request: { params: IdParam, ...jsonBody(z.object({ comment: Text(1000).default('') })) },
      responses: { 200: jsonResponse(Proposal, '已通过'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.reviewProposal(deps, actingUser(c), c.req.valid('param').id, 'approve', c.req.valid('json').comment);
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/return',
      tags,
      summary: '退回修改（分管该单位的县领导，须写明意见）',
      request: { params: IdParam, ...jsonBody(z.object({ comment: Text(1000).min(1, '退回须写明修改意见') })) },
      responses: { 200: jsonResponse(Proposal, '已退回'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const row = await service.reviewProposal(deps, actingUser(c), c.req.valid('param').id, 'return', c.req.valid('json').comment);
      return c.json(presentProposal(row, await store.names(deps.db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/consolidate',
      tags,
      summary: '汇总：每项审核通过的申报和每项挂单事项生成一条计划事项（督查室；可重复执行，只补新增的）',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(z.object({ created: z.array(z.number()) }), '已汇总'), ...errorResponses },
    }),
    async (c) => c.json({ created: await service.consolidate(c.get('deps'), actingUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/items',
      tags,
      summary: '增加领导交办事项（督查室）',
      request: { params: PlanParam, ...jsonBody(ItemInput) },
      responses: { 201: jsonResponse(Item, '已增加'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.createItem(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/plan-items/{id}',
      tags,
      summary: '修改汇总稿中的一项（督查室；保留修改记录）',
      request: { params: IdParam, ...jsonBody(ItemChanges.extend({ version: VersionField, reason: Reason.optional() })) },
      responses: { 200: jsonResponse(Item, '已修改'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.updateItem(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plan-items/merge',
      tags,
      summary: '合并重复事项（督查室）：保留第一项，来源申报合并，其余单位转为配合单位',
      request: jsonBody(ItemChanges.extend({ itemIds: z.array(Id).min(2, '请至少选择两项合并').max(20), reason: Reason.optional() })),
      responses: { 200: jsonResponse(Item, '已合并'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.mergeItems(c.get('deps'), actingUser(c), c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plan-items/{id}/split',
      tags,
      summary: '拆分一项为多项（督查室）：每部分未写明的内容沿用原项',
      request: { params: IdParam, ...jsonBody(z.object({ parts: z.array(ItemChanges).min(2, '请至少拆分为两项').max(20), reason: Reason.optional() })) },
      responses: { 200: jsonResponse(z.object({ items: z.array(Item) }), '已拆分'), ...errorResponses },
    }),
    async (c) => c.json({ items: (await service.splitItem(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))).map(presentItem) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/draft',
      tags,
      summary: '汇总稿：按责任领导、类别分组，逐项列出与单位原申报的差异（督查室、县领导）',
      request: { params: PlanParam },
      responses: { 200: jsonResponse(PlanDraft, '汇总稿'), ...errorResponses },
    }),
    async (c) => {
      const result = await service.draft(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      const groups = result.groups.map((g) => ({
        leaderId: g.leaderId,
        leaderName: g.leaderName,
        leaderPosition: g.leaderPosition,
        categories: g.categories.map((k) => ({ categoryId: k.categoryId, categoryName: k.categoryName, items: k.items.map(presentDraftItem) })),
      }));
      return c.json({ period: presentPeriod(result.period), groups }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plan-items/{id}/decision',
      tags,
      summary: '记录会议决定：通过、修改后通过（附修改内容）、不列入（督查室）',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ decision: z.enum(['approved', 'amended', 'dropped']), note: Text(1000).default(''), changes: ItemChanges.optional() })),
      },
      responses: { 200: jsonResponse(Item, '已记录'), ...errorResponses },
    }),
    async (c) => c.json(presentItem(await service.decide(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plans/{id}/issue',
      tags,
      summary: '印发（督查室）：逐项决定后，通过的事项生成任务并交办（编号交办单），通知各单位；有未决定的事项时拒绝',
      request: { params: PlanParam, ...jsonBody(z.object({ documentNumber: Text(50).min(1, '请填写文号') })) },
      responses: { 200: jsonResponse(Period, '已印发'), ...errorResponses },
    }),
    async (c) => c.json(presentPeriod(await service.issue(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').documentNumber)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/document',
      tags,
      summary: '重点工作安排（Word）：印发后为正式文件，印发前为送审稿',
      request: { params: PlanParam },
      responses: { 200: fileResponse(DOCX_TYPE, '重点工作安排'), ...errorResponses },
    }),
    async (c) => {
      const file = await planDocx(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.body(new Uint8Array(file.data), 200, { 'Content-Type': DOCX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/units/{unitId}/sheet',
      tags,
      summary: '单位预安表：本单位本期牵头和配合的事项（本单位、分管领导、督查室）',
      request: { params: UnitSheetParam },
      responses: { 200: jsonResponse(UnitSheet, '预安表'), ...errorResponses },
    }),
    async (c) => {
      const { id, unitId } = c.req.valid('param');
      const sheet = await service.unitSheet(c.get('deps'), actingUser(c).actor, id, unitId);
      return c.json({ period: presentPeriod(sheet.period), unit: sheet.unit, items: sheet.items.map(presentSheetItem) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/plans/{id}/units/{unitId}/sheet.xlsx',
      tags,
      summary: '下载单位预安表（Excel，可打印）',
      request: { params: UnitSheetParam },
      responses: { 200: fileResponse(XLSX_TYPE, '预安表'), ...errorResponses },
    }),
    async (c) => {
      const { id, unitId } = c.req.valid('param');
      const file = await unitSheetXlsx(c.get('deps'), actingUser(c).actor, id, unitId);
      return c.body(file.data, 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': file.disposition });
    },
  )
  // ---- 挂单
  .openapi(
    createRoute({
      method: 'post',
      path: '/carry-overs/run',
      tags,
      summary: '立即执行月末挂单（督查室；定时任务也会执行，重复执行不会重复挂单）',
      responses: { 200: jsonResponse(z.object({ carried: z.number(), reminded: z.number() }), '已执行'), ...errorResponses },
    }),
    async (c) => c.json(await rollover.rollOverNow(c.get('deps'), actingUser(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/carry-overs',
      tags,
      summary: '挂单事项（数据范围内，取各事项最近一次挂单）；missingReason=true 只看未说明原因的',
      request: {
        query: z.object({
          missingReason: BoolQuery,
          toPeriod: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
            .optional(),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              CarryOver.extend({
                task: z.object({
                  id: z.number(),
                  title: z.string(),
                  period: z.string(),
                  status: z.enum(TASK_STATUSES),
                  deadline: z.string(),
                  leadUnitId: z.number(),
                  leadUnitName: z.string(),
                }),
              }),
            ),
          }),
          '挂单事项',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const rows = await rollover.listCarryOvers(c.get('deps'), actingUser(c).actor, c.req.valid('query'));
      return c.json(
        {
          items: rows.map((r) => ({
            ...presentCarryOver(r.carryOver),
            task: {
              id: r.task.id,
              title: r.task.title,
              period: r.task.period,
              status: r.task.status,
              deadline: r.task.deadline,
              leadUnitId: r.task.leadUnitId,
              leadUnitName: r.leadUnitName,
            },
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/carry-overs',
      tags,
      summary: '事项的挂单记录：原定月份和每次挂单',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ originalPeriod: z.string(), currentPeriod: z.string(), items: z.array(CarryOver) }), '挂单记录'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const result = await rollover.carryOversOfTask(c.get('deps'), actingUser(c).actor, c.req.valid('param').id);
      return c.json({ ...result, items: result.items.map(presentCarryOver) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/carry-over-reason',
      tags,
      summary: '说明挂单原因（牵头单位；填入最近一次挂单）',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ reason: z.string().trim().min(1, '请填写挂单原因').max(rollover.REASON_MAX, `挂单原因不能超过 ${rollover.REASON_MAX} 字`) })),
      },
      responses: { 200: jsonResponse(CarryOver, '已填写'), ...errorResponses },
    }),
    async (c) =>
      c.json(presentCarryOver(await rollover.setCarryOverReason(c.get('deps'), actingUser(c), c.req.valid('param').id, c.req.valid('json').reason)), 200),
  );
