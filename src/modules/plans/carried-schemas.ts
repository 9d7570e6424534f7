// Response schemas for carried tasks (挂单) in the next plan: the task's state beside its proposal or item, and the
// carried tasks no approved proposal takes up.
import { z } from '@hono/zod-openapi';
import { PROPOSAL_STATUSES } from '../../shared/labels.js';
import { TASK_STATUSES } from '../tasks/rules.js';

export const CarriedTask = z
  .object({
    id: z.number(),
    status: z.enum(TASK_STATUSES),
    statusLabel: z.string(),
    percent: z.number(),
    closedOn: z.string().nullable(),
    finishedNote: z.string().nullable().openapi({ description: '事项已销号或撤销时的说明，如“已于4月20日销号”' }),
  })
  .openapi('PlanCarriedTask', { description: '挂单事项在台账中的当前状态' });

export const CarriedWithoutProposal = z
  .object({
    taskId: z.number(),
    title: z.string(),
    leadUnitId: z.number(),
    leadUnitName: z.string(),
    proposalId: z.number().nullable(),
    proposalStatus: z.enum(PROPOSAL_STATUSES).nullable(),
    proposalStatusLabel: z.string(),
    withdrawReason: z.string(),
  })
  .openapi('PlanCarriedWithoutProposal', { description: '挂单事项没有审核通过的申报，不列入汇总稿' });
