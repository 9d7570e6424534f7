// The monthly notice's use cases: read a published month's notice (its figures from the review, the lottery's result,
// the overdue and carried items from the record, the narrative), edit the narrative, issue it, download it as Word.
import { dayOf, type Day } from '../../calendar/rules.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, forbidden } from '../../errors.js';
import { attachment, chineseMonth } from '../../format.js';
import { authorize, can } from '../../permissions.js';
import { REVIEW_GROUPS } from '../../shared/labels.js';
import { recordAudit } from '../audit/service.js';
import { drawnUnits, type DrawnUnit } from '../lottery/read.js';
import { units } from '../org/read.js';
import { isMonth, nextMonth } from '../plans/rules.js';
import { monthReview } from '../review/read.js';
import { monthTasks } from '../tasks/read.js';
import { inArray } from 'drizzle-orm';
import { buildNoticeDocx, noticeTitle } from './docx.js';
import { defaultParagraphs, issueNumber, itemsByUnit, overviewOf, PARAGRAPH_KEYS, paragraphProblems, type Paragraphs, type UnitItems } from './rules.js';
import * as store from './store.js';

type Acting = Who & { actor: Actor };

// What an issued notice keeps of the record, so its document never changes afterwards.
interface Snapshot {
  items: UnitItems[];
  drawn: DrawnUnit[];
}

/** The issuing office as the county calls it: 示范县 → 示范县委县政府督查室. */
export function issuingOffice(county: string) {
  if (!county) return '督查室';
  const level = county.at(-1)!;
  return `${county}委${level}政府督查室`;
}

async function liveItems(deps: Deps, period: string, today: Day, order: { unitId: number; unitName: string }[]) {
  const tasks = await monthTasks(deps.db, period);
  const names = new Map(order.map((r) => [r.unitId, r.unitName]));
  const others = [...new Set(tasks.map((t) => t.leadUnitId))].filter((id) => !names.has(id));
  if (others.length)
    for (const u of await deps.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, others))) names.set(u.id, u.name);
  return itemsByUnit(
    tasks,
    period,
    today,
    names,
    order.map((r) => r.unitId),
  );
}

/** The whole notice of a published month as the page and the document show it. */
async function assemble(deps: Deps, period: string) {
  const today = dayOf(deps.clock.now());
  const review = await monthReview(deps.db, period, today);
  if (review.status !== 'published') throw conflict('NOTICE_NOT_READY', `${period} 的月点评尚未发布，发布后才能编制通报`);
  const row = await store.findNotice(deps.db, period);
  const issued = row?.issuedAt ? row : null;
  const snapshot = issued ? (issued.snapshot as unknown as Snapshot) : null;
  const items = snapshot?.items ?? (await liveItems(deps, period, today, review.rows));
  // Month M is reviewed at the meeting early in M + 1, where the units drawn by that month's lottery report.
  const drawn = snapshot?.drawn ?? (await drawnUnits(deps.db, nextMonth(period)));
  const overview = overviewOf(review.rows);
  const defaults = defaultParagraphs({ period, overview, rows: review.rows, bottom: review.bottom, drawn, items });
  const paragraphs: Paragraphs = row ? { opening: row.opening, problems: row.problems, requirements: row.requirements } : defaults;
  return {
    period,
    status: issued ? ('issued' as const) : ('draft' as const),
    version: row?.version ?? 0,
    issueNumber: issueNumber(period),
    title: noticeTitle(period),
    office: issuingOffice(deps.config.countyName),
    issuedAt: issued?.issuedAt ?? null,
    publishedAt: review.publishedAt!,
    paragraphs,
    defaults,
    overview,
    groups: REVIEW_GROUPS.map((group) => ({ group, ...overviewOf(review.rows.filter((r) => r.group === group)) })),
    rows: review.rows,
    bottom: review.bottom,
    categories: review.categories,
    drawn,
    items,
  };
}

export type NoticeView = Awaited<ReturnType<typeof assemble>>;

function checkPeriod(period: string) {
  if (!isMonth(period)) throw badRequest('BAD_PERIOD', '月份格式应为 YYYY-MM');
}

// The county's side reads a notice being drafted; units read it once issued, as it is sent to them.
async function readable(deps: Deps, actor: Actor, period: string) {
  if (!can(actor, 'notice.read')) authorize(actor, 'notice.read_issued');
  checkPeriod(period);
  const notice = await assemble(deps, period);
  if (notice.status !== 'issued' && !can(actor, 'notice.read')) throw forbidden('该月通报尚未印发，印发后才能查看');
  return notice;
}

export const readNotice = (deps: Deps, actor: Actor, period: string) => readable(deps, actor, period);

/** Saves the edited narrative of a notice still a draft; `version` is the one the editor saw (0 before the first save). */
export async function saveNotice(deps: Deps, who: Acting, period: string, input: Paragraphs & { version: number }) {
  authorize(who.actor, 'notice.manage');
  checkPeriod(period);
  const problems = paragraphProblems(input);
  if (problems.length) throw badRequest('BAD_NOTICE', `通报内容不正确：${problems.join('；')}`, problems);
  const before = await assemble(deps, period);
  if (before.status === 'issued') throw conflict('NOTICE_ISSUED', `${chineseMonth(period)}的通报已印发，不能再修改`);
  const paragraphs = Object.fromEntries(PARAGRAPH_KEYS.map((k) => [k, input[k].trim()])) as Paragraphs;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const saved =
      input.version === 0
        ? await store.insertNotice(tx, { period, ...paragraphs, updatedAt: now, updatedBy: who.actor.accountId })
        : await store.updateNotice(tx, period, input.version, { ...paragraphs, updatedAt: now, updatedBy: who.actor.accountId });
    if (!saved) await refuseStale(tx, period);
    await recordAudit(tx, deps, who, {
      action: 'notice.save',
      targetType: 'review_notices',
      targetId: period,
      before: before.version ? before.paragraphs : null,
      after: paragraphs,
    });
    return saved!;
  });
}

// A guarded write that changed nothing: issued meanwhile (a clear refusal), or saved by someone else.
async function refuseStale(tx: Deps['db'], period: string): Promise<never> {
  const now = await store.findNotice(tx, period);
  if (now?.issuedAt) throw conflict('NOTICE_ISSUED', `${chineseMonth(period)}的通报已印发，不能再修改`);
  throw conflict('STALE_VERSION');
}

/** Issues the notice (印发): the narrative and the items it lists are frozen; every later edit is refused. */
export async function issueNotice(deps: Deps, who: Acting, period: string, input: { version: number }) {
  authorize(who.actor, 'notice.manage');
  checkPeriod(period);
  const notice = await assemble(deps, period);
  if (notice.status === 'issued') throw conflict('NOTICE_ISSUED', `${chineseMonth(period)}的通报已印发，不能重复印发`);
  const now = deps.clock.now();
  const snapshot: Snapshot = { items: notice.items, drawn: notice.drawn };
  const set = { ...notice.paragraphs, updatedAt: now, updatedBy: who.actor.accountId, issuedAt: now, issuedBy: who.actor.accountId };
  return deps.db.transaction(async (tx) => {
    const issued =
      input.version === 0
        ? await store.insertNotice(tx, { period, ...set, snapshot: snapshot as unknown as Record<string, unknown> })
        : await store.updateNotice(tx, period, input.version, { ...set, snapshot: snapshot as unknown as Record<string, unknown> });
    if (!issued) await refuseStale(tx, period);
    await recordAudit(tx, deps, who, {
      action: 'notice.issue',
      targetType: 'review_notices',
      targetId: period,
      after: {
        issueNumber: notice.issueNumber,
        paragraphs: notice.paragraphs,
        overdue: notice.items.reduce((n, u) => n + u.overdue.length, 0),
        carried: notice.items.reduce((n, u) => n + u.carried.length, 0),
        drawn: notice.drawn.map((d) => d.unitId),
      },
    });
    return issued!;
  });
}

/** The notice as a Word document; every download is audited (who took which document, and whether it was issued). */
export async function noticeDocx(deps: Deps, who: Acting, period: string) {
  const notice = await readable(deps, who.actor, period);
  const data = await buildNoticeDocx(notice);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, who, {
      action: 'notice.download',
      targetType: 'review_notices',
      targetId: period,
      after: { status: notice.status, version: notice.version, bytes: data.length },
    }),
  );
  const label = notice.status === 'issued' ? '' : '（征求意见稿）';
  return { data, disposition: attachment(`${notice.title}${label}.docx`, `notice-${period}.docx`) };
}
