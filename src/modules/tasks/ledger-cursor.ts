// The ledger's page cursor (翻页位置) for endless lists: where the last page ended, as its last row's sort key and id,
// so the next page is a keyset read (ledgerIds `after`) however deep it is. Opaque to the client (base64url of JSON),
// and checked strictly on the way back in: a forged or damaged cursor is a 400 with a Chinese message, never a query
// the database refuses.
import { isValidDay } from '../../calendar/rules.js';
import { badRequest } from '../../errors.js';
import type { LedgerSort } from './ledger-store.js';

export interface LedgerAfter {
  key: string | number;
  id: number;
}

// The sort key's column, as ledgerRows returns it.
export const sortColumn = (sort: LedgerSort) => sort.replace('-', '') as 'deadline' | 'updatedAt' | 'percent';

/** The key and id a row's successor starts after (times to the millisecond, as the sort compares them). */
export function afterRow(sort: LedgerSort, row: { id: number; deadline: string; updatedAt: Date; percent: number }): LedgerAfter {
  const value = row[sortColumn(sort)];
  return { key: value instanceof Date ? value.toISOString() : value, id: row.id };
}

export const encodeCursor = (sort: LedgerSort, after: LedgerAfter) => Buffer.from(JSON.stringify([sort, after.key, after.id])).toString('base64url');

// Years 1–9999 only: PostgreSQL refuses year 0, and JavaScript writes a later year as "+010000".
const validDay = (v: unknown): v is string => isValidDay(v) && v >= '0001-01-01';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const validInstant = (v: unknown): v is string =>
  typeof v === 'string' && INSTANT.test(v) && v >= '0001' && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;
const MAX_INT4 = 2_147_483_647; // PostgreSQL's int4
const validInt4 = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= MAX_INT4;

const KEY_CHECKS: Record<ReturnType<typeof sortColumn>, (v: unknown) => boolean> = {
  deadline: validDay,
  updatedAt: validInstant,
  percent: validInt4,
};

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** The position a cursor names, for a page sorted by `sort`; a 400 for anything this module did not write for it. */
export function decodeCursor(text: string, sort: LedgerSort): LedgerAfter {
  const bad = badRequest('BAD_CURSOR');
  if (!CURSOR.test(text)) throw bad;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad;
  const [cursorSort, key, id] = parsed as unknown[];
  if (cursorSort !== sort) throw badRequest('BAD_CURSOR', '翻页位置与当前排序不符，请从第一页重新加载');
  if (!validInt4(id) || (id as number) < 1 || !KEY_CHECKS[sortColumn(sort)](key)) throw bad;
  const after = { key: key as string | number, id: id as number };
  // Only the exact text this module writes: no padding, no other spelling of the same JSON.
  if (encodeCursor(sort, after) !== text) throw bad;
  return after;
}
