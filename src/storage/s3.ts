import crypto from 'node:crypto';
import type { FileStoreConfig } from '../config.js';
import { checkKey, type FileStore } from './file-store.js';

type S3Config = Extract<FileStoreConfig, { kind: 's3' }>;

export interface SignInput {
  method: string;
  url: URL; // without a query string
  headers: Record<string, string>; // besides host, which comes from the URL
  payloadHash: string; // hex sha256 of the body
  now: Date;
}

const sha256 = (data: string | Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();
// RFC 3986 unreserved characters stay; everything else is %XX, as SigV4 wants (encodeURIComponent leaves !'()*).
const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// AWS Signature Version 4 for S3, header-based. Returns the headers to send, Authorization included.
export function signV4(input: SignInput, creds: Pick<S3Config, 'accessKey' | 'secretKey' | 'region'>): Record<string, string> {
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, 'x-amz-content-sha256': input.payloadHash, 'x-amz-date': amzDate };
  const all = Object.entries({ host: input.url.host, ...headers }).map(([n, v]) => [n.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const);
  all.sort(([a], [b]) => (a < b ? -1 : 1));
  const names = all.map(([n]) => n).join(';');
  const path = input.url.pathname
    .split('/')
    .map((s) => uriEncode(decodeURIComponent(s)))
    .join('/');
  // The store sends no query strings, so the canonical query is empty.
  const canonicalRequest = [input.method, path, '', all.map(([n, v]) => `${n}:${v}\n`).join(''), names, input.payloadHash].join('\n');
  const scope = `${day}/${creds.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretKey}`, day), creds.region), 's3'), 'aws4_request');
  const signature = crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKey}/${scope},SignedHeaders=${names},Signature=${signature}` };
}

// Path-style requests (endpoint/bucket/key), which MinIO and the other S3-compatible stores accept.
export function s3FileStore(config: S3Config): FileStore {
  const urlOf = (key: string) => new URL(`${config.endpoint.replace(/\/+$/, '')}/${uriEncode(config.bucket)}/${checkKey(key)}`);
  const send = async (method: string, key: string, body?: Uint8Array) => {
    const url = urlOf(key);
    // Not the injected Clock: that is business time and may be shifted (LUOSHI_CLOCK_OFFSET); S3 checks real time.
    // eslint-disable-next-line no-restricted-syntax
    const now = new Date();
    const headers = signV4({ method, url, headers: {}, payloadHash: sha256(body ?? ''), now }, config);
    // Node's fetch sends any Uint8Array; the DOM typings only admit ones backed by a plain ArrayBuffer.
    return fetch(url, { method, headers, body: body as Uint8Array<ArrayBuffer> | undefined });
  };
  const fail = async (res: Response, what: string) => new Error(`对象存储${what}失败：HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return {
    async put(key, bytes) {
      const res = await send('PUT', key, bytes);
      if (!res.ok) throw await fail(res, '写入');
      await res.body?.cancel();
    },
    async get(key) {
      const res = await send('GET', key);
      if (!res.ok || !res.body) throw await fail(res, '读取');
      return res.body;
    },
    async delete(key) {
      const res = await send('DELETE', key);
      if (!res.ok && res.status !== 404) throw await fail(res, '删除');
      await res.body?.cancel();
    },
  };
}
