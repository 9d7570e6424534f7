import { isIP } from 'node:net';
import path from 'node:path';
import { parseFailpoints } from './failpoint.js';

export type HashAlgorithm = 'sm3' | 'sha256';

export type FileStoreConfig =
  { kind: 'disk'; dir: string } | { kind: 's3'; endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string };

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  auditKey: string;
  auditAlgorithm: HashAlgorithm;
  // Seals the second factor's keys at rest (TOTP_KEY; the audit key when unset). Never stored in the database.
  secretKey: string;
  // Signs the daily anchors of the audit chain's head (AUDIT_ANCHOR_KEY; the audit key when unset).
  anchorKey: string;
  demo: boolean;
  cookieSecure: boolean;
  webDir: string;
  fileStore: FileStoreConfig;
  maxImageBytes: number;
  maxDocumentBytes: number;
  // The county or city the system serves; printed in document titles.
  countyName: string;
  // Working days a unit has to appeal (申诉) after its month's review is published.
  appealWorkingDays: number;
  // Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES, comma-separated addresses); empty: none.
  trustedProxies: ReadonlySet<string>;
  // Armed failpoints (src/failpoint.ts) and the pass each fires at; empty unless LUOSHI_FAILPOINTS is set.
  failpoints: ReadonlyMap<string, number>;
}

const DEV_AUDIT_KEY = 'luoshi-dev-audit-key-change-me';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const algorithm = (env.AUDIT_HASH ?? 'sm3').toLowerCase();
  if (algorithm !== 'sm3' && algorithm !== 'sha256') throw new Error(`AUDIT_HASH must be sm3 or sha256, got ${algorithm}`);
  const production = env.NODE_ENV === 'production';
  // The audit key lives outside the database so whoever controls the database cannot rebuild the chain.
  const auditKey = env.AUDIT_KEY ?? (production ? undefined : DEV_AUDIT_KEY);
  if (!auditKey) throw new Error('AUDIT_KEY must be set in production');
  if (production && env.LUOSHI_FAILPOINTS) throw new Error('LUOSHI_FAILPOINTS is for tests and must not be set in production');
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    auditKey,
    auditAlgorithm: algorithm,
    secretKey: env.TOTP_KEY ?? auditKey,
    anchorKey: env.AUDIT_ANCHOR_KEY ?? auditKey,
    demo: env.LUOSHI_DEMO ? env.LUOSHI_DEMO !== '0' : !production,
    cookieSecure: env.COOKIE_SECURE === '1' || production,
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
    // The demo data is the county 示范县 (src/seed/demo-data.ts).
    countyName: env.COUNTY_NAME ?? (production ? '' : '示范县'),
    fileStore: fileStoreConfig(env, dataDir),
    maxImageBytes: megabytes(env.UPLOAD_MAX_IMAGE_MB ?? '10'),
    maxDocumentBytes: megabytes(env.UPLOAD_MAX_DOCUMENT_MB ?? '20'),
    appealWorkingDays: appealDays(env.LUOSHI_APPEAL_DAYS ?? '5'),
    trustedProxies: proxyAddresses(env.TRUSTED_PROXIES ?? ''),
    failpoints: parseFailpoints(env.LUOSHI_FAILPOINTS),
  };
}

function proxyAddresses(value: string): ReadonlySet<string> {
  const list = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = list.find((a) => isIP(a) === 0);
  if (bad) throw new Error(`TRUSTED_PROXIES must list IP addresses, got ${bad}`);
  return new Set(list);
}

function appealDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new Error(`LUOSHI_APPEAL_DAYS must be a whole number of working days from 1 to 60, got ${value}`);
  return days;
}

function megabytes(value: string): number {
  const mb = Number(value);
  if (!(mb > 0)) throw new Error(`upload limits must be a positive number of MB, got ${value}`);
  return Math.round(mb * 1024 * 1024);
}

// Uploaded files live on disk under DATA_DIR/files by default, or in an S3-compatible bucket (MinIO, OSS, COS …).
function fileStoreConfig(env: NodeJS.ProcessEnv, dataDir: string): FileStoreConfig {
  const kind = env.FILE_STORE ?? 'disk';
  if (kind === 'disk') return { kind, dir: path.join(dataDir, 'files') };
  if (kind !== 's3') throw new Error(`FILE_STORE must be disk or s3, got ${kind}`);
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} must be set when FILE_STORE=s3`);
    return value;
  };
  return {
    kind,
    endpoint: need('S3_ENDPOINT'),
    bucket: need('S3_BUCKET'),
    accessKey: need('S3_ACCESS_KEY'),
    secretKey: need('S3_SECRET_KEY'),
    region: env.S3_REGION ?? 'us-east-1',
  };
}
