import path from 'node:path';

export type HashAlgorithm = 'sm3' | 'sha256';

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  auditKey: string;
  auditAlgorithm: HashAlgorithm;
  demo: boolean;
  cookieSecure: boolean;
  webDir: string;
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
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    auditKey,
    auditAlgorithm: algorithm,
    demo: env.LUOSHI_DEMO ? env.LUOSHI_DEMO !== '0' : !production,
    cookieSecure: env.COOKIE_SECURE === '1' || production,
    webDir: path.resolve(env.WEB_DIR ?? './dist/web'),
  };
}
