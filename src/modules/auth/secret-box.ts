// Secrets at rest (the TOTP keys): AES-256-GCM under a key derived from the configured key, which lives outside the
// database, so a database dump holds no usable second factor. Recovery codes are kept as keyed hashes for the same reason.
import crypto from 'node:crypto';

const deriveKey = (configKey: string, purpose: string) => Buffer.from(crypto.hkdfSync('sha256', configKey, 'luoshi', purpose, 32));

export function seal(configKey: string, plain: Uint8Array): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(configKey, 'totp-secret'), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function open(configKey: string, sealed: string): Buffer {
  const raw = Buffer.from(sealed.replace(/^v1:/, ''), 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(configKey, 'totp-secret'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export const keyedHash = (configKey: string, value: string) => crypto.createHmac('sha256', deriveKey(configKey, 'recovery-code')).update(value).digest('hex');
