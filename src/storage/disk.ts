import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkKey, type FileStore } from './file-store.js';

export function diskFileStore(root: string): FileStore {
  const fileOf = (key: string) => path.join(root, checkKey(key));
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      const dir = path.dirname(file);
      await fs.mkdir(dir, { recursive: true });
      // Write a temporary file and rename it: a crash leaves either the whole file or none under the key.
      const temp = `${file}.${crypto.randomUUID()}.tmp`;
      try {
        const handle = await fs.open(temp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temp, file);
      } catch (err) {
        await fs.rm(temp, { force: true });
        throw err;
      }
      // The rename itself is durable only once the directory is synced; the database row comes right after.
      const handle = await fs.open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async get(key) {
      const handle = await fs.open(fileOf(key), 'r');
      return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}
