import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskFileStore } from './disk.js';
import { s3FileStore, signV4 } from './s3.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
// The example credentials of the AWS documentation ("Signature Calculations … Authorization header").
const AWS_EXAMPLE = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };

const text = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer()).toString();

describe('SigV4 signer', () => {
  it('matches the AWS example for GET Object', () => {
    const headers = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
        now: new Date('2013-05-24T00:00:00Z'),
      },
      AWS_EXAMPLE,
    );
    expect(headers).toMatchObject({ 'x-amz-date': '20130524T000000Z', 'x-amz-content-sha256': EMPTY_SHA256 });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('matches the AWS example for PUT Object, whose key needs encoding', () => {
    const body = 'Welcome to Amazon S3.';
    const payloadHash = crypto.createHash('sha256').update(body).digest('hex');
    const headers = signV4(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash,
        now: new Date('2013-05-24T00:00:00Z'),
      },
      AWS_EXAMPLE,
    );
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });
});

describe('S3 file store', () => {
  // A stand-in for an S3 server: keeps bodies in memory and refuses requests that are not signed.
  const objects = new Map<string, Buffer>();
  const seen: { method: string; url: string; authorization: string }[] = [];
  let server: http.Server;
  let endpoint: string;

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const authorization = req.headers.authorization ?? '';
      seen.push({ method: req.method!, url: req.url!, authorization });
      const hash = crypto.createHash('sha256').update(body).digest('hex');
      if (!authorization.startsWith('AWS4-HMAC-SHA256 Credential=test-key/') || req.headers['x-amz-content-sha256'] !== hash) {
        res.writeHead(403).end('SignatureDoesNotMatch');
        return;
      }
      const key = req.url!;
      if (req.method === 'PUT') objects.set(key, body);
      if (req.method === 'DELETE') objects.delete(key);
      if (req.method === 'GET' && !objects.has(key)) res.writeHead(404).end('NoSuchKey');
      else res.writeHead(req.method === 'DELETE' ? 204 : 200).end(req.method === 'GET' ? objects.get(key) : undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const store = () => s3FileStore({ kind: 's3', endpoint, bucket: 'luoshi', accessKey: 'test-key', secretKey: 'test-secret', region: 'cn-north-1' });

  it('puts, gets and deletes signed objects under bucket/key', async () => {
    await store().put('2026/03/abc', Buffer.from('现场照片'));
    expect(objects.get('/luoshi/2026/03/abc')?.toString()).toBe('现场照片');
    expect(await text(await store().get('2026/03/abc'))).toBe('现场照片');
    await store().delete('2026/03/abc');
    expect(objects.has('/luoshi/2026/03/abc')).toBe(false);
    expect(seen.map((s) => s.method)).toEqual(['PUT', 'GET', 'DELETE']);
    expect(seen.every((s) => s.authorization.includes('/cn-north-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature='))).toBe(true);
  });

  it('a missing object is an error on get and not on delete', async () => {
    await expect(store().get('2026/03/missing')).rejects.toThrow('HTTP 404');
    await expect(store().delete('2026/03/missing')).resolves.toBeUndefined();
  });

  it('refuses keys that could leave the bucket path', async () => {
    await expect(store().put('../other/x', Buffer.from('x'))).rejects.toThrow('invalid storage key');
  });
});

describe('disk file store', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-files-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes through a temporary file and leaves only the final file', async () => {
    const store = diskFileStore(root);
    await store.put('2026/03/one', Buffer.from('整改报告'));
    expect(fs.readdirSync(path.join(root, '2026/03'))).toEqual(['one']);
    expect(await text(await store.get('2026/03/one'))).toBe('整改报告');
    await store.delete('2026/03/one');
    await store.delete('2026/03/one');
    expect(fs.readdirSync(path.join(root, '2026/03'))).toEqual([]);
  });

  it('refuses keys with path traversal, and a missing file is an error', async () => {
    const store = diskFileStore(root);
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toThrow('invalid storage key');
    await expect(store.put('2026/../../escape', Buffer.from('x'))).rejects.toThrow('invalid storage key');
    await expect(store.get('2026/03/none')).rejects.toThrow('ENOENT');
  });
});
