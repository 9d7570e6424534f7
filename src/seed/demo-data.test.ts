import { describe, it, expect } from 'vitest';
import { DEMO_COUNTY, DEMO_LEADERS, DEMO_UNITS, type UnitKind } from './demo-data.js';

const CODE_PATTERN = /^[A-Z0-9]{1,32}$/;
const PHONE_PATTERN = /^1[3-9]\d{9}$/;

function ofKind(kind: UnitKind) {
  return DEMO_UNITS.filter((u) => u.kind === kind);
}

describe('demo county data', () => {
  it('names the county', () => {
    expect(DEMO_COUNTY).toBe('示范县');
  });

  it('has the expected numbers of each kind of unit', () => {
    expect(ofKind('city_dept').length).toBeGreaterThanOrEqual(90);
    expect(ofKind('city_dept').filter((u) => !u.parentCode).length).toBeGreaterThanOrEqual(90);
    expect(ofKind('city_dept').filter((u) => u.parentCode).length).toBeGreaterThanOrEqual(3);
    expect(ofKind('town')).toHaveLength(17);
    expect(ofKind('village').length).toBeGreaterThan(0);
    expect(ofKind('vertical').length).toBeGreaterThanOrEqual(4);
    expect(ofKind('group_office').length).toBeGreaterThanOrEqual(1);
    expect(ofKind('group_office').length).toBeLessThanOrEqual(2);
  });

  it('includes the supervision, assessment and efficiency-monitoring offices', () => {
    const byCode = new Map(DEMO_UNITS.map((u) => [u.code, u]));
    expect(byCode.get('DCS')?.name).toBe('县委督查室');
    expect(byCode.get('KHB')?.name).toBe('县考核办');
    expect(byCode.get('XNJC')?.name).toBe('县效能监察室');
  });

  it('has unique, well-formed codes and unique names', () => {
    const codes = DEMO_UNITS.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    const names = DEMO_UNITS.filter((u) => u.kind !== 'village').map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists parents before children, and villages sit under towns', () => {
    const seen = new Map<string, UnitKind>();
    for (const unit of DEMO_UNITS) {
      if (unit.parentCode) {
        expect(seen.has(unit.parentCode), `${unit.code} before its parent`).toBe(true);
        if (unit.kind === 'village') expect(seen.get(unit.parentCode)).toBe('town');
        if (unit.kind === 'city_dept') expect(seen.get(unit.parentCode)).toBe('city_dept');
      }
      seen.set(unit.code, unit.kind);
    }
    for (const village of ofKind('village')) expect(village.parentCode).toBeDefined();
    for (const town of ofKind('town')) expect(town.parentCode).toBeUndefined();
  });

  it('has 25 leaders whose unit codes exist and cover every department and town', () => {
    expect(DEMO_LEADERS).toHaveLength(25);
    const codes = new Set(DEMO_UNITS.map((u) => u.code));
    const covered = new Set(DEMO_LEADERS.flatMap((l) => l.unitCodes));
    for (const code of covered) expect(codes.has(code), code).toBe(true);
    const needCover = DEMO_UNITS.filter((u) => u.kind === 'city_dept' || u.kind === 'town');
    const uncovered = needCover.filter((u) => !covered.has(u.code)).map((u) => u.code);
    expect(uncovered).toEqual([]);
    for (const leader of DEMO_LEADERS) expect(leader.portfolio.length).toBeGreaterThan(0);
  });

  it('gives every person a distinct name and a unique 11-digit mobile number', () => {
    const people = [...DEMO_UNITS.flatMap((u) => [u.head, u.liaison]), ...DEMO_LEADERS.map((l) => ({ name: l.name, title: l.position, phone: l.phone }))];
    const phones = people.map((p) => p.phone);
    for (const phone of phones) expect(phone).toMatch(PHONE_PATTERN);
    expect(new Set(phones).size).toBe(phones.length);
    const names = people.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      expect(p.title.length).toBeGreaterThan(0);
    }
  });
});
