import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, isRecoveryCodeShape, matchTotp, newRecoveryCode, otpauthUri, timeStep, totpCode } from './totp.js';

// RFC 6238 appendix B: the seeds are the ASCII digits "1234567890" repeated to the hash's key length.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 appendix B', () => {
  it.each(VECTORS)('T = %i s', (seconds, sha1, sha256, sha512) => {
    const step = timeStep(new Date(seconds * 1000));
    expect(hotp(SEEDS.sha1, step, 8, 'sha1')).toBe(sha1);
    expect(hotp(SEEDS.sha256, step, 8, 'sha256')).toBe(sha256);
    expect(hotp(SEEDS.sha512, step, 8, 'sha512')).toBe(sha512);
  });

  it('gives the 6-digit codes authenticator apps show (the last six of the SHA-1 vectors)', () => {
    expect(totpCode(SEEDS.sha1, new Date(59_000))).toBe('287082');
    expect(totpCode(SEEDS.sha1, new Date(1_111_111_109_000))).toBe('081804');
  });
});

describe('base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ↔ %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)!.toString()).toBe(plain);
  });

  it('reads a secret typed by hand (lower case, spaces, padding) and refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb oi======')!.toString()).toBe('foobar');
    expect(base32Decode('MZXW1')).toBeUndefined();
  });
});

describe('matching a code', () => {
  const key = SEEDS.sha1;
  const now = new Date(1_111_111_111_000);
  const step = timeStep(now);

  it('accepts the current code and one step either side, nothing further', () => {
    expect(matchTotp(key, totpCode(key, now), now, null)).toBe(step);
    expect(matchTotp(key, hotp(key, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(key, hotp(key, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(key, hotp(key, step - 2), now, null)).toBeUndefined();
    expect(matchTotp(key, hotp(key, step + 2), now, null)).toBeUndefined();
  });

  it('refuses a code of a step already used, or of an earlier one (replay)', () => {
    expect(matchTotp(key, totpCode(key, now), now, step)).toBeUndefined();
    expect(matchTotp(key, hotp(key, step - 1), now, step)).toBeUndefined();
    expect(matchTotp(key, hotp(key, step + 1), now, step)).toBe(step + 1);
  });

  it('refuses anything but six digits', () => {
    expect(matchTotp(key, '28708', now, null)).toBeUndefined();
    expect(matchTotp(key, 'abcdef', now, null)).toBeUndefined();
  });
});

it('builds the otpauth URI with the issuer 落实', () => {
  const uri = otpauthUri(Buffer.from('foobar'), 'duchashi');
  expect(uri).toBe('otpauth://totp/%E8%90%BD%E5%AE%9E%3Aduchashi?secret=MZXW6YTBOI&issuer=%E8%90%BD%E5%AE%9E&algorithm=SHA1&digits=6&period=30');
});

it('makes recovery codes of 10 base32 characters in two groups', () => {
  const code = newRecoveryCode();
  expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
  expect(isRecoveryCodeShape(code.toLowerCase().replace('-', ' '))).toBe(true);
});
