// 微信亮绩: work groups (units and people) and their daily digest — closed today, due tomorrow, red, and the day's
// progress photos — posted to the group's robot (a notify channel) and the members' inboxes by the periodic work.
import { addCalendarDays, addWorkingDays, dayOf, isWorkingDay } from '../../calendar/rules.js';
import { loadCalendar } from '../../calendar/service.js';
import type { Actor, Deps, Who } from '../../context.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { authorize } from '../../permissions.js';
import { recordAudit } from '../audit/service.js';
import { channelNames, notify, postToChannel, roleAccounts } from '../notify/service.js';
import { composeDigest, shanghaiTime, workGroupProblem } from './rules.js';
import * as store from './store.js';

const groupNotFound = () => notFound('WORK_GROUP_NOT_FOUND');

export interface WorkGroupInput {
  name: string;
  channelId: number | null;
  sendAt: string;
  active: boolean;
  unitIds: number[];
  personIds: number[];
}

/** Every work group with its units and people (three statements), and the channels a group may post to. */
export async function listWorkGroups(deps: Deps, actor: Actor) {
  authorize(actor, 'digest.manage');
  const groups = await store.listGroups(deps.db);
  const [members, channels] = await Promise.all([
    store.membersOf(
      deps.db,
      groups.map((g) => g.id),
    ),
    channelNames(deps.db),
  ]);
  return {
    groups: groups.map((g) => ({
      ...g,
      units: members.units.filter((u) => u.groupId === g.id).map(({ id, name }) => ({ id, name })),
      people: members.people.filter((p) => p.groupId === g.id).map(({ id, name }) => ({ id, name })),
    })),
    channels,
  };
}

async function checkInput(deps: Deps, input: WorkGroupInput) {
  const unitIds = [...new Set(input.unitIds)];
  const personIds = [...new Set(input.personIds)];
  const problem = workGroupProblem({ ...input, unitIds, personIds });
  if (problem) throw badRequest('BAD_WORK_GROUP', problem);
  const [knownUnits, knownPeople] = await Promise.all([store.existingIds(deps.db, 'units', unitIds), store.existingIds(deps.db, 'people', personIds)]);
  if (knownUnits.length !== unitIds.length) throw badRequest('BAD_WORK_GROUP', '所选单位不存在');
  if (knownPeople.length !== personIds.length) throw badRequest('BAD_WORK_GROUP', '所选人员不存在');
  if (input.channelId !== null && !(await channelNames(deps.db)).some((c) => c.id === input.channelId))
    throw badRequest('BAD_WORK_GROUP', '所选通知渠道不存在');
  return { unitIds, personIds };
}

export async function createWorkGroup(deps: Deps, who: Who & { actor: Actor }, input: WorkGroupInput) {
  authorize(who.actor, 'digest.manage');
  const { unitIds, personIds } = await checkInput(deps, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const group = await store.insertGroup(tx, {
      name: input.name.trim(),
      channelId: input.channelId,
      sendAt: input.sendAt,
      active: input.active,
      createdAt: now,
      updatedAt: now,
    });
    await store.replaceMembers(tx, group.id, unitIds, personIds);
    await recordAudit(tx, deps, who, {
      action: 'work_group.create',
      targetType: 'work_group',
      targetId: group.id,
      after: { name: group.name, channelId: group.channelId, sendAt: group.sendAt, active: group.active, unitIds, personIds },
    });
    return group;
  });
}

export async function updateWorkGroup(deps: Deps, who: Who & { actor: Actor }, id: number, input: WorkGroupInput & { version: number }) {
  authorize(who.actor, 'digest.manage');
  const before = await store.findGroup(deps.db, id);
  if (!before) throw groupNotFound();
  const { unitIds, personIds } = await checkInput(deps, input);
  return deps.db.transaction(async (tx) => {
    const group = await store.updateGroup(tx, id, input.version, {
      name: input.name.trim(),
      channelId: input.channelId,
      sendAt: input.sendAt,
      active: input.active,
      updatedAt: deps.clock.now(),
    });
    if (!group) throw conflict('STALE_VERSION');
    await store.replaceMembers(tx, id, unitIds, personIds);
    await recordAudit(tx, deps, who, {
      action: 'work_group.update',
      targetType: 'work_group',
      targetId: id,
      before: { name: before.name, channelId: before.channelId, sendAt: before.sendAt, active: before.active },
      after: { name: group.name, channelId: group.channelId, sendAt: group.sendAt, active: group.active, unitIds, personIds },
    });
    return group;
  });
}

export async function listGroupDigests(deps: Deps, actor: Actor, id: number, page: { page: number; pageSize: number }) {
  authorize(actor, 'digest.manage');
  if (!(await store.findGroup(deps.db, id))) throw groupNotFound();
  return store.listDigests(deps.db, id, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
}

/**
 * The periodic job: on a working day, from each active group's send time on, writes the group's digest for today and
 * posts it (its channel and its people's inboxes), once. The digest row, unique per group and day, is the claim: a
 * second tick or process finds it and sends nothing. Only today's digest: a day missed while the server was down is
 * not sent late.
 */
export async function sendDueDigests(deps: Deps, who: Who): Promise<{ digests: number }> {
  const now = deps.clock.now();
  const day = dayOf(now);
  const time = shanghaiTime(now);
  const due = (await store.groupsWithoutDigest(deps.db, day)).filter((g) => g.sendAt <= time);
  if (!due.length) return { digests: 0 };
  const cal = await loadCalendar(deps.db);
  if (!isWorkingDay(cal, day).working) return { digests: 0 };
  const dueTo = addWorkingDays(cal, day, 1).day;
  const members = await store.membersOf(
    deps.db,
    due.map((g) => g.id),
  );
  let sent = 0;
  for (const group of due) {
    const unitIds = members.units.filter((u) => u.groupId === group.id).map((u) => u.id);
    const personIds = members.people.filter((p) => p.groupId === group.id).map((p) => p.id);
    const [lines, highlights] = await Promise.all([store.dayLines(deps.db, unitIds, day, dueTo), store.dayHighlights(deps.db, unitIds, day)]);
    const message = composeDigest({ groupName: group.name, day, dueTo, ...lines, highlights });
    const done = await deps.db.transaction(async (tx) => {
      const claimed = await store.claimDigest(tx, {
        groupId: group.id,
        day,
        ...message,
        closedToday: lines.closedToday.length,
        dueTomorrow: lines.dueTomorrow.length,
        red: lines.red.length,
        highlights: highlights.length,
        createdAt: now,
      });
      if (!claimed) return false;
      const posted = group.channelId !== null && (await postToChannel(tx, now, group.channelId, message));
      const accounts = personIds.length ? await roleAccounts(tx, [], personIds) : [];
      await notify(
        tx,
        now,
        accounts,
        { kind: 'digest', ...message, link: `/tasks?deadlineFrom=${addCalendarDays(day, 1)}&deadlineTo=${dueTo}` },
        { inboxOnly: true },
      );
      await recordAudit(tx, deps, who, {
        action: 'digest.send',
        targetType: 'work_group',
        targetId: group.id,
        after: {
          day,
          posted,
          recipients: accounts.length,
          closedToday: lines.closedToday.length,
          dueTomorrow: lines.dueTomorrow.length,
          red: lines.red.length,
        },
      });
      return true;
    });
    if (done) sent += 1;
  }
  return { digests: sent };
}
