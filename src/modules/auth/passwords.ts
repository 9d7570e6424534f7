import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with its default cost: ~15 ms here.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;
export const verifyDummy = async (password: string) => {
  dummyHash ??= hashPassword('Luoshi-dummy-password-1!');
  await verifyPassword(await dummyHash, password);
  return false;
};
