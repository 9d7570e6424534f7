import type { Config } from '../config.js';
import { diskFileStore } from './disk.js';
import type { FileStore } from './file-store.js';
import { s3FileStore } from './s3.js';

export type { FileStore } from './file-store.js';

export function fileStoreFor(config: Pick<Config, 'fileStore'>): FileStore {
  const c = config.fileStore;
  return c.kind === 's3' ? s3FileStore(c) : diskFileStore(c.dir);
}
