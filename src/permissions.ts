import type { Actor } from './context.js';
import { forbidden } from './errors.js';
import type { Role } from './modules/auth/schema.js';

// One table says which roles may do what. Every route asks `authorize`.
export const PERMISSIONS = {
  'org.read': ['sysadmin', 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'org.write': ['sysadmin'],
  'people.read': ['sysadmin', 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'account.read': ['sysadmin', 'secadmin'],
  'account.write': ['sysadmin'],
  'account.unlock': ['sysadmin', 'secadmin'],
  'role.grant': ['secadmin'],
  // Clearing a user's lost second factor (动态口令) is a security decision.
  'account.totp_reset': ['secadmin'],
  'policy.read': ['secadmin', 'sysadmin'],
  'policy.write': ['secadmin'],
  'audit.read': ['auditadmin'],
  // Outbound notification channels (robots, e-mail) are system configuration.
  'notify.channels': ['sysadmin'],
  'calendar.read': ['sysadmin', 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  // The system admin keeps the working calendar: county days off and each year's State Council notice.
  'calendar.write': ['sysadmin'],
  'task.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  // The supervision office drafts, assigns, closes, suspends and cancels.
  'task.manage': ['office'],
  // The responsible unit signs for, declines, decomposes and asks to close its own tasks.
  'task.respond': ['unit_head', 'unit_liaison'],
  'task.report': ['unit_head', 'unit_liaison', 'cadre'],
  'task.export': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison'],
  // The joint review of closing requests (三部联审): held by staff of a review office's unit, who act for that office.
  'closing.review': ['office', 'assessment', 'discipline'],
  // The monthly and weekly plan (预安): units propose, their head submits, the leader in charge reviews, the office runs it.
  'plan.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'plan.propose': ['unit_liaison', 'unit_head'],
  'plan.submit': ['unit_head'],
  'plan.review': ['leader'],
  'plan.manage': ['office'],
  // Monthly figures (月度指标): everyone in the business, each within their data scope.
  'figures.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  // 领导约谈: the two offices and the assessment office propose, a county leader decides, the office records it as held.
  'interview.read': ['office', 'assessment', 'leader', 'discipline'],
  'interview.propose': ['office', 'assessment'],
  'interview.decide': ['leader'],
  'interview.record': ['office'],
  // 诫勉谈话: the discipline commission holds the talk the months-overdue ladder calls for, records it and publishes the notice.
  'interview.admonish': ['discipline'],
  // 抽签述职: everyone in the business sees the candidates, the commitment and the result; the office commits and draws.
  'lottery.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'lottery.manage': ['office'],
  // The monthly review (月点评): the county's side reads every month; units read a month once it is published (its
  // ranking is read out at the meeting and sent to all units); the supervision and assessment offices run it.
  'review.read': ['office', 'assessment', 'leader', 'discipline'],
  'review.read_published': ['unit_head', 'unit_liaison', 'cadre'],
  'review.manage': ['office', 'assessment'],
  // 申诉: a unit's head or liaison appeals its own published month; the offices that run the review decide.
  'review.appeal': ['unit_head', 'unit_liaison'],
  'review.appeal.decide': ['office', 'assessment'],
  // The monthly notice (月度通报) of a published month: the county's side reads the draft; units read it once issued.
  'notice.read': ['office', 'assessment', 'leader', 'discipline'],
  'notice.read_issued': ['unit_head', 'unit_liaison', 'cadre'],
  'notice.manage': ['office', 'assessment'],
  // Quarterly and annual assessment (季考核、年度考核): as the review — the county's side reads drafts, units read a
  // quarter or year once published; the supervision and assessment offices enter bonus items and parts and publish.
  'assessment.read': ['office', 'assessment', 'leader', 'discipline'],
  'assessment.read_published': ['unit_head', 'unit_liaison', 'cadre'],
  'assessment.manage': ['office', 'assessment'],
  // People's records (周记实、月考核、季审定、一线工作日): each person keeps their own; a head reads the unit's and gives the
  // monthly grade; the assessment office confirms the quarter and sets the targets; the two offices read everyone's.
  'records.read': ['office', 'assessment', 'leader', 'unit_head', 'unit_liaison', 'cadre'],
  'records.own': ['leader', 'unit_head', 'unit_liaison', 'cadre'],
  'records.unit': ['unit_head'],
  'records.all': ['office', 'assessment'],
  'records.confirm': ['assessment'],
  'records.settings': ['assessment'],
  // 代为登记: a unit's head or liaison logs a frontline day for a person of the unit (most heads and secretaries have no
  // account of their own), the two offices for anyone.
  'records.frontline_proxy': ['office', 'assessment', 'unit_head', 'unit_liaison'],
  // 单位之星 / 干部之星 and 亮点工作: everyone in the business reads (winners are read out at the meeting); units nominate
  // for themselves, county leaders for the units of their portfolio, the office for anyone; the office shortlists,
  // records the meeting's or the vote's decision and selects.
  'stars.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'stars.nominate': ['office', 'leader', 'unit_head', 'unit_liaison'],
  'stars.manage': ['office'],
  'highlight.nominate': ['unit_head', 'unit_liaison'],
  // 月点评会: the leaders and offices read the pack; the office sets the date and records instructions and commitments.
  'meeting.read': ['office', 'assessment', 'leader', 'discipline'],
  'meeting.manage': ['office'],
  // 重点项目 and 影像比绩: everyone in the business reads (within scope); the office keeps the register and the steps'
  // plan; the lead unit and the steps' units report actual dates, the monthly investment and site photos.
  'project.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'project.manage': ['office'],
  'project.report': ['office', 'unit_head', 'unit_liaison', 'cadre'],
  // 绩效自评: a unit's head or liaison sets its targets and rates its results; the two offices give their rating beside it.
  'selfassess.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'selfassess.write': ['unit_head', 'unit_liaison'],
  'selfassess.rate': ['office', 'assessment'],
  // 学习台账: units keep their sessions and attendance; everyone records their own make-up study; heads and offices see completion.
  'study.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'study.manage': ['unit_head', 'unit_liaison'],
  'study.makeup': ['unit_head', 'unit_liaison', 'cadre', 'leader', 'office', 'assessment'],
  // 考核档案 and the activity calendar: what a unit has on record, within the reader's scope.
  'archive.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison'],
  'activity.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  // 领导驾驶舱: the county's side, each within their data scope (a leader sees his portfolio).
  'cockpit.read': ['office', 'assessment', 'leader', 'discipline'],
  // The public board's tokens (公示 / 电子屏): the office creates and revokes them.
  'board.manage': ['office'],
  // Work groups and their daily digests (微信亮绩): the office configures them.
  'digest.manage': ['office'],
  // 明察暗访: the office keeps the teams and plans and files the records; everyone in the business reads within their
  // scope (a unit never sees an unannounced inspection of itself before it is filed).
  'inspection.read': ['office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'],
  'inspection.manage': ['office'],
  // 舆论督办: the office marks ledger items for the public progress page.
  'disclosure.manage': ['office'],
  // 履责档案: a person's record of a year, read as the people's records are (own, a head their units', the two offices
  // everyone); the two offices read the year's banding (分档排名), the assessment office sets its rule.
  'dossier.read': ['office', 'assessment', 'leader', 'unit_head', 'unit_liaison', 'cadre'],
  'dossier.band': ['office', 'assessment'],
  'dossier.settings': ['assessment'],
  // 年度考核意见: the county's side reads; the assessment office drafts, edits, issues and corrects.
  'opinion.read': ['office', 'assessment', 'leader', 'discipline'],
  'opinion.manage': ['assessment'],
  // 归口单位 (seed 002): the supervision office names the office that owns each category; that office's head and
  // liaison see its categories' items and join their closing review.
  'category.manage': ['office'],
  'category.own': ['unit_head', 'unit_liaison'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export type Scope = { all: true } | { all: false; unitIds: ReadonlySet<number> };

// How far each role sees: the whole county, a leader's portfolio, or the actor's own unit subtree.
export const SCOPE_OF_ROLE: Record<Role, 'all' | 'portfolio' | 'own_unit' | 'none'> = {
  sysadmin: 'all',
  secadmin: 'none',
  auditadmin: 'none',
  office: 'all',
  assessment: 'all',
  discipline: 'all',
  leader: 'portfolio',
  unit_head: 'own_unit',
  unit_liaison: 'own_unit',
  cadre: 'own_unit',
};

export function can(actor: Actor, action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return actor.roles.some((r) => allowed.includes(r));
}

export function inScope(scope: Scope, unitId: number | null): boolean {
  return scope.all || (unitId !== null && scope.unitIds.has(unitId));
}

/**
 * Throws 403 when no role of the actor may take the action, and 404 (the same answer as a missing id)
 * when the target lies outside the actor's data scope, so ids of other units do not leak.
 */
export function authorize(actor: Actor, action: Action, target?: { unitId: number | null; scope: Scope; notFound: () => Error }): void {
  if (!can(actor, action)) throw forbidden();
  if (target && !inScope(target.scope, target.unitId)) throw target.notFound();
}
