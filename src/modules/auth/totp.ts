// RFC 6238 time-based one-time passwords (HMAC-SHA1, 30 s step, 6 digits) and RFC 4648 base32, with node:crypto
// only. Pure: the time is a parameter.
import crypto from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
// A code is accepted one step before and after the current one (clock drift between phone and server).
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = '落实';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

// Accepts lower case, spaces and padding, as users type a secret by hand; undefined for any other character.
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// RFC 4226 HOTP with the RFC 6238 hash choice (the appendix B vectors use SHA-1, SHA-256 and SHA-512 keys).
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, hash: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(hash, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export const timeStep = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);

export const totpCode = (key: Uint8Array, now: Date) => hotp(key, timeStep(now));

/**
 * The step a code matches within the window, or undefined. A step at or before `lastUsedStep` never matches, so a
 * code (or an older one) cannot be used twice.
 */
export function matchTotp(key: Uint8Array, code: string, now: Date, lastUsedStep: number | null): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const current = timeStep(now);
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (crypto.timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step;
  }
  return undefined;
}

export const newTotpSecret = () => crypto.randomBytes(20);

export function otpauthUri(secret: Uint8Array, username: string): string {
  const label = encodeURIComponent(`${TOTP_ISSUER}:${username}`);
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer: TOTP_ISSUER,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

// Recovery codes: 10 random characters of the base32 alphabet in two groups (50 bits each), shown once, stored hashed.
export const RECOVERY_CODE_COUNT = 10;
export function newRecoveryCode(): string {
  const raw = base32Encode(crypto.randomBytes(7)).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}
export const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();
export const isRecoveryCodeShape = (code: string) => /^[A-Z2-7]{10}$/.test(normalizeRecoveryCode(code));
