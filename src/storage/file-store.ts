// Where uploaded files live. Keys are made by the server (e.g. 2026/03/<uuid>), never taken from a user.
export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  // Throws if the key is missing: a row that points to no file is a server fault, not a 404.
  get(key: string): Promise<ReadableStream<Uint8Array>>;
  // Deleting a missing key is not an error, so cleanup after a failure can always call it.
  delete(key: string): Promise<void>;
}

// Keys hold only these characters, so they are safe as file paths and as URL paths alike.
export function checkKey(key: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
  return key;
}
