// Bulk loading for the bench generator: rows are buffered per table and written with COPY (text format) in batches
// of a few thousand rows, through whichever driver the target uses (a pg client or PGlite's /dev/blob).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  copy(table: string, columns: string[], text: string): Promise<void>;
  close(): Promise<void>;
}

export function pgSql(client: pg.Client): Sql {
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    copy: (table, columns, text) => pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN`))),
    close: () => client.end(),
  };
}

export function pgliteSql(db: PGlite): Sql {
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
    copy: async (table, columns, text) => {
      await db.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    close: () => db.close(),
  };
}

// One value in COPY's text format: \N for null, and backslash, tab and line breaks escaped.
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

const BATCH_ROWS = 5_000;

export class Loader {
  readonly written = new Map<string, number>();
  private readonly buffers = new Map<string, { columns: string[]; lines: string[] }>();
  constructor(private readonly sql: Sql) {}

  async add(table: string, columns: string[], row: unknown[]) {
    let buffer = this.buffers.get(table);
    if (!buffer) this.buffers.set(table, (buffer = { columns, lines: [] }));
    buffer.lines.push(row.map(copyValue).join('\t'));
    if (buffer.lines.length >= BATCH_ROWS) await this.flushTable(table);
  }

  async flush() {
    for (const table of this.buffers.keys()) await this.flushTable(table);
  }

  private async flushTable(table: string) {
    const buffer = this.buffers.get(table);
    if (!buffer?.lines.length) return;
    const { columns, lines } = buffer;
    buffer.lines = [];
    await this.sql.copy(table, columns, lines.join('\n') + '\n');
    this.written.set(table, (this.written.get(table) ?? 0) + lines.length);
  }

  get total() {
    return [...this.written.values()].reduce((a, b) => a + b, 0);
  }
}
