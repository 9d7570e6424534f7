// A county names its kinds of unit itself (县直单位, not 市直单位); the names show everywhere, the import reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoApp, login, type TestApp } from '../../../test/api.js';
import { testDeps, type TestDeps } from '../../../test/db.js';
import { planImport } from './import.js';
import { kindLabelProblems, UNIT_KIND_LABELS } from './rules.js';

let deps: TestDeps;
let app: TestApp;

beforeAll(async () => {
  deps = await testDeps();
  app = await demoApp(deps);
});
afterAll(() => deps.close());

const labels = (over: Partial<typeof UNIT_KIND_LABELS> = {}) => ({ ...UNIT_KIND_LABELS, ...over });

describe('unit kind names', () => {
  it.each([
    ['the defaults', labels(), []],
    ['a county name', labels({ city_dept: '县直单位' }), []],
    ['too short', labels({ city_dept: '县' }), ['“市直单位”的名称须为 2–12 个字']],
    ['too long', labels({ vertical: '省市垂直管理在县单位及派驻机构' }), ['“垂直单位”的名称须为 2–12 个字']],
    ['two alike', labels({ vertical: '乡镇街道' }), ['名称“乡镇街道”重复']],
  ])('%s', (_, value, problems) => expect(kindLabelProblems(value)).toEqual(problems));

  it('the import accepts the county’s names', () => {
    const sheets = { units: [{ row: 2, code: 'D99', name: '县新设局', kind: '县直单位', parentCode: '', sortOrder: '' }], people: [] };
    expect(planImport(sheets, new Map(), labels({ city_dept: '县直单位' })).ok).toBe(true);
    const refused = planImport(sheets, new Map());
    expect(refused.ok).toBe(false);
  });

  it('the demo county says 县直单位; the admin renames, audited; others may read but not write', async () => {
    const admin = await login(app, 'admin');
    const read = await call(app, await login(app, 'lianluo'), 'GET', '/api/v1/unit-kinds');
    expect(read.body).toMatchObject({ labels: { city_dept: '县直单位', town: '乡镇街道' }, version: 1 });
    expect((await call(app, await login(app, 'duchashi'), 'PUT', '/api/v1/unit-kinds', { labels: labels(), version: 1 })).status).toBe(403);
    const bad = await call(app, admin, 'PUT', '/api/v1/unit-kinds', { labels: labels({ town: '村居' }), version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.message).toBe('名称“村居”重复');
    const saved = await call(app, admin, 'PUT', '/api/v1/unit-kinds', { labels: labels({ city_dept: '县直部门', town: ' 乡镇（街道） ' }), version: 1 });
    expect(saved.body).toMatchObject({ labels: { city_dept: '县直部门', town: '乡镇（街道）' }, version: 2 });
    expect((await call(app, admin, 'PUT', '/api/v1/unit-kinds', { labels: labels(), version: 1 })).status).toBe(409);
  });
});
