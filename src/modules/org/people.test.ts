import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { unitId } from '../../../test/factories.js';
import { people, units } from './schema.js';

// GET /people?unitId=: by default the unit and its sub-units; exactUnit=true the unit alone. Each row marks the head
// (主要负责人) and the liaison (联络员) of the person's own unit.

let deps: TestDeps;
let app: TestApp;
let office: string;
let t01: number;
let village: number;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
  office = await login(app, 'duchashi');
  t01 = await unitId(deps.db, 'T01');
  village = await unitId(deps.db, 'T01V01');
});
afterAll(() => deps.close());

type Row = { id: number; unitId: number | null; isUnitHead: boolean; isUnitLiaison: boolean };
const list = async (cookie: string, query: string) => {
  const res = await call(app, cookie, 'GET', `/api/v1/people?pageSize=200&${query}`);
  expect(res.status).toBe(200);
  return res.body as { total: number; items: Row[] };
};

async function subtreeCount(rootId: number) {
  const [root] = await deps.db.select({ path: units.path }).from(units).where(eq(units.id, rootId));
  const [row] = await deps.db
    .select({ n: count() })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(like(units.path, `${root!.path}%`), eq(people.active, true)));
  return row!.n;
}

describe('GET /people by unit', () => {
  it.each([
    ['includes sub-units by default', '', true],
    ['includes sub-units with exactUnit=false', '&exactUnit=false', true],
    ['is the unit alone with exactUnit=true', '&exactUnit=true', false],
  ])('the list %s', async (_name, flag, withSubUnits) => {
    const { total, items } = await list(office, `unitId=${t01}${flag}`);
    expect(items.some((p) => p.unitId === village)).toBe(withSubUnits);
    if (withSubUnits) expect(total).toBe(await subtreeCount(t01));
    else expect(items.every((p) => p.unitId === t01)).toBe(true);
  });

  it('the narrow list holds exactly the unit’s own people, head and liaison marked', async () => {
    const unit = (await call(app, office, 'GET', `/api/v1/units/${t01}`)).body!;
    const { total, items } = await list(office, `unitId=${t01}&exactUnit=true`);
    const [row] = await deps.db
      .select({ n: count() })
      .from(people)
      .where(and(eq(people.unitId, t01), eq(people.active, true)));
    expect(total).toBe(row!.n);
    expect(items.find((p) => p.id === unit.headPersonId)).toMatchObject({ isUnitHead: true, isUnitLiaison: false });
    expect(items.find((p) => p.id === unit.liaisonPersonId)).toMatchObject({ isUnitHead: false, isUnitLiaison: true });
    expect(items.filter((p) => p.isUnitHead || p.isUnitLiaison)).toHaveLength(2);
  });

  it('marks follow the unit: a village’s head is marked as head of the village, and a new head moves the mark', async () => {
    const { items } = await list(office, `unitId=${t01}`);
    const villageUnit = (await call(app, office, 'GET', `/api/v1/units/${village}`)).body!;
    expect(items.find((p) => p.id === villageUnit.headPersonId)).toMatchObject({ unitId: village, isUnitHead: true });

    const admin = await login(app, 'admin');
    const unit = (await call(app, admin, 'GET', `/api/v1/units/${t01}`)).body!;
    const changed = await call(app, admin, 'PATCH', `/api/v1/units/${t01}`, { version: unit.version, headPersonId: unit.liaisonPersonId });
    expect(changed.status).toBe(200);
    const after = (await list(office, `unitId=${t01}&exactUnit=true`)).items;
    expect(after.find((p) => p.id === unit.liaisonPersonId)).toMatchObject({ isUnitHead: true, isUnitLiaison: true });
    expect(after.find((p) => p.id === unit.headPersonId)).toMatchObject({ isUnitHead: false, isUnitLiaison: false });
    expect((await call(app, office, 'GET', `/api/v1/people/${unit.liaisonPersonId}`)).body).toMatchObject({ isUnitHead: true, isUnitLiaison: true });
  });

  it('a unit liaison asking for a unit outside their scope gets nobody, narrow or not', async () => {
    const other = await unitId(deps.db, 'T02');
    const liaison = await login(app, 'lianluo');
    expect((await list(liaison, `unitId=${other}&exactUnit=true`)).total).toBe(0);
    expect((await list(liaison, `unitId=${other}`)).total).toBe(0);
    expect((await list(liaison, `unitId=${t01}&exactUnit=true`)).items.every((p) => p.unitId === t01)).toBe(true);
  });
});
