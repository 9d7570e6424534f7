import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Who } from '../../context.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { auditLog } from '../audit/schema.js';
import { placementProblem } from './rules.js';
import { units } from './schema.js';
import * as org from './service.js';

const admin: Actor = { accountId: 1, username: 'admin', displayName: '系统管理员', roles: ['sysadmin'], personId: null, unitId: null, leaderId: null };
const office: Actor = { ...admin, accountId: 2, username: 'duchashi', roles: ['office'] };
const who = (actor = admin): Who & { actor: Actor } => ({ actor, meta: { requestId: 'r', ip: '', userAgent: 'test' } });

describe('placement rules', () => {
  const town = { id: 1, kind: 'town' as const, path: '/1/', active: true };
  const dept = { id: 2, kind: 'city_dept' as const, path: '/2/', active: true };
  const village = { id: 3, kind: 'village' as const, path: '/1/3/', active: true };
  it.each([
    ['a village under a town', { id: 9, kind: 'village' as const, path: null }, town, null],
    ['a village under a department', { id: 9, kind: 'village' as const, path: null }, dept, '村居必须隶属于乡镇街道'],
    ['a village at the top', { id: 9, kind: 'village' as const, path: null }, null, '村居必须隶属于乡镇街道'],
    ['anything under a village', { id: 9, kind: 'city_dept' as const, path: null }, village, '村居下不能再设下级单位'],
    ['a unit under itself', { id: 1, kind: 'town' as const, path: '/1/' }, town, '不能把单位移动到它自己或它的下级单位之下'],
    [
      'a unit under its own descendant',
      { id: 2, kind: 'city_dept' as const, path: '/2/' },
      { ...dept, id: 5, path: '/2/5/' },
      '不能把单位移动到它自己或它的下级单位之下',
    ],
    ['a unit under an inactive parent', { id: 9, kind: 'city_dept' as const, path: null }, { ...dept, active: false }, '上级单位已停用'],
    ['a department at the top', { id: 9, kind: 'city_dept' as const, path: null }, null, null],
  ])('%s', (_name, unit, parent, expected) => {
    expect(placementProblem(unit, parent)).toBe(expected);
  });
});

describe('organisation service', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await testDeps();
  });
  afterAll(() => deps.close());

  it('builds the tree with materialised paths and moves whole subtrees', async () => {
    const a = await org.createUnit(deps, who(), { parentId: null, kind: 'town', code: 'TA', name: '甲镇' });
    const b = await org.createUnit(deps, who(), { parentId: null, kind: 'town', code: 'TB', name: '乙镇' });
    const v = await org.createUnit(deps, who(), { parentId: a.id, kind: 'village', code: 'TAV1', name: '甲村' });
    expect(v.path).toBe(`/${a.id}/${v.id}/`);
    const moved = await org.moveUnit(deps, who(), v.id, { version: v.version, parentId: b.id });
    expect(moved).toMatchObject({ parentId: b.id, path: `/${b.id}/${v.id}/`, version: v.version + 1 });
    await expect(org.moveUnit(deps, who(), a.id, { version: a.version, parentId: a.id })).rejects.toMatchObject({ status: 400, code: 'BAD_PLACEMENT' });
    const entries = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'unit.move'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before).toMatchObject({ parentId: a.id });
  });

  it('moving a department moves its sub-units paths too', async () => {
    const top = await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'P1', name: '甲局' });
    const child = await org.createUnit(deps, who(), { parentId: top.id, kind: 'city_dept', code: 'P1C', name: '甲局下属中心' });
    const grandchild = await org.createUnit(deps, who(), { parentId: child.id, kind: 'city_dept', code: 'P1CG', name: '甲局下属中心分部' });
    const other = await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'P2', name: '乙局' });
    await org.moveUnit(deps, who(), child.id, { version: child.version, parentId: other.id });
    const [g] = await deps.db.select().from(units).where(eq(units.id, grandchild.id));
    expect(g!.path).toBe(`/${other.id}/${child.id}/${grandchild.id}/`);
  });

  it('refuses a duplicate code with 409 and saves nothing', async () => {
    await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'DUP', name: '重复局' });
    await expect(org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'DUP', name: '又一个' })).rejects.toMatchObject({
      status: 409,
      code: 'UNIT_CODE_TAKEN',
    });
    expect(await deps.db.select().from(units).where(eq(units.name, '又一个'))).toHaveLength(0);
  });

  it('a stale version gets 409 instead of overwriting', async () => {
    const u = await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'VER', name: '版本局' });
    await org.updateUnit(deps, who(), u.id, { version: u.version, name: '版本局（改）' });
    await expect(org.updateUnit(deps, who(), u.id, { version: u.version, name: '后来者' })).rejects.toMatchObject({ status: 409, code: 'STALE_VERSION' });
    expect((await org.getUnit(deps, admin, u.id)).name).toBe('版本局（改）');
  });

  it('deactivates instead of deleting, and not while active children remain', async () => {
    const parent = await org.createUnit(deps, who(), { parentId: null, kind: 'town', code: 'DEA', name: '停用镇' });
    const child = await org.createUnit(deps, who(), { parentId: parent.id, kind: 'village', code: 'DEAV', name: '停用村' });
    await expect(org.setUnitActive(deps, who(), parent.id, { version: parent.version, active: false, reason: '撤并' })).rejects.toMatchObject({
      code: 'UNIT_HAS_CHILDREN',
    });
    await org.setUnitActive(deps, who(), child.id, { version: child.version, active: false, reason: '撤并' });
    const done = await org.setUnitActive(deps, who(), parent.id, { version: parent.version, active: false, reason: '撤并' });
    expect(done.active).toBe(false);
    expect((await org.listUnits(deps, admin, false)).some((u) => u.id === parent.id)).toBe(false);
    expect((await org.listUnits(deps, admin, true)).some((u) => u.id === parent.id)).toBe(true);
    const [entry] = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'unit.deactivate')).orderBy(auditLog.seq).limit(1);
    expect(entry!.reason).toBe('撤并');
  });

  it('head and liaison must be people of the unit', async () => {
    const u = await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'HL', name: '负责人局' });
    const other = await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'HL2', name: '别的局' });
    const mine = await org.createPerson(deps, who(), { name: '王局长', unitId: u.id, title: '局长', phone: '13900000001' });
    const stranger = await org.createPerson(deps, who(), { name: '李科长', unitId: other.id, title: '科长', phone: '' });
    await expect(org.updateUnit(deps, who(), u.id, { version: u.version, headPersonId: stranger.id })).rejects.toMatchObject({ code: 'PERSON_NOT_IN_UNIT' });
    const updated = await org.updateUnit(deps, who(), u.id, { version: u.version, headPersonId: mine.id });
    expect(updated.headName).toBe('王局长');
    // Leaving the unit ends the headship.
    await org.updatePerson(deps, who(), mine.id, { version: mine.version, unitId: other.id });
    expect((await org.getUnit(deps, admin, u.id)).headPersonId).toBeNull();
  });

  it('leaders carry their portfolio units', async () => {
    const u = await org.createUnit(deps, who(), { parentId: null, kind: 'city_dept', code: 'LD', name: '分管局' });
    const leader = await org.createLeader(deps, who(), { name: '赵副县长', phone: '13900000002', position: '副县长', portfolio: '工业经济', unitIds: [u.id] });
    expect(leader.units).toEqual([{ id: u.id, name: '分管局' }]);
    const changed = await org.updateLeader(deps, who(), leader.id, { version: leader.version, unitIds: [], portfolio: '招商引资' });
    expect(changed).toMatchObject({ units: [], portfolio: '招商引资', name: '赵副县长' });
    await expect(org.createLeader(deps, who(), { name: '钱', phone: '', position: '副县长', portfolio: '', unitIds: [999_999] })).rejects.toMatchObject({
      code: 'UNIT_NOT_FOUND',
    });
  });

  it('only the system admin changes the organisation', async () => {
    await expect(org.createUnit(deps, who(office), { parentId: null, kind: 'city_dept', code: 'NO', name: '无权局' })).rejects.toMatchObject({ status: 403 });
  });
});
