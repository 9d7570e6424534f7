import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('config', () => {
  it('production refuses to start without an audit key outside the database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_KEY/);
    expect(loadConfig({ NODE_ENV: 'production', AUDIT_KEY: 'k' })).toMatchObject({ auditKey: 'k', demo: false, cookieSecure: true });
  });

  it('defaults to HMAC-SM3 and accepts SHA-256', () => {
    expect(loadConfig({}).auditAlgorithm).toBe('sm3');
    expect(loadConfig({ AUDIT_HASH: 'SHA256' }).auditAlgorithm).toBe('sha256');
    expect(() => loadConfig({ AUDIT_HASH: 'md5' })).toThrow(/AUDIT_HASH/);
  });

  it('DATABASE_URL switches to a PostgreSQL server', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).databaseUrl).toBe('postgres://x/y');
  });

  it('the county name printed in document titles comes from COUNTY_NAME; the demo county when unset outside production', () => {
    expect(loadConfig({ COUNTY_NAME: '平安县' }).countyName).toBe('平安县');
    expect(loadConfig({}).countyName).toBe('示范县');
    expect(loadConfig({ NODE_ENV: 'production', AUDIT_KEY: 'k' }).countyName).toBe('');
  });

  it('failpoints are armed only by LUOSHI_FAILPOINTS, never in production', () => {
    expect(loadConfig({}).failpoints.size).toBe(0);
    expect([...loadConfig({ LUOSHI_FAILPOINTS: 'closing.settle, plan.rollover@2' }).failpoints]).toEqual([
      ['closing.settle', 1],
      ['plan.rollover', 2],
    ]);
    expect(() => loadConfig({ LUOSHI_FAILPOINTS: 'plan.issue@x' })).toThrow(/LUOSHI_FAILPOINTS/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_KEY: 'k', LUOSHI_FAILPOINTS: 'plan.issue' })).toThrow(/production/);
  });
});
