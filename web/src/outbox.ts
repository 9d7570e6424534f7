// 离线待发: progress reports written with no signal are kept on the phone (IndexedDB, photos included) and sent
// when the network returns. Each carries a client key, so a send repeated after a lost answer is saved once.
import { useSyncExternalStore } from 'react';
import { api, call, upload } from './api';
import type { paths } from './api/schema';

type ReportBody = NonNullable<paths['/api/v1/tasks/{id}/reports']['post']['requestBody']>['content']['application/json'];

export interface OutboxReport {
  clientKey: string;
  taskId: number;
  taskTitle: string;
  savedAt: string;
  body: Omit<ReportBody, 'clientKey'>;
  // Photos not yet uploaded; each moves to body.attachmentIds once it is up.
  photos: File[];
  // Why the server refused it, when it did: it stays here for the user to see and remove.
  refused?: string;
}

const DB = 'luoshi-outbox';
const STORE = 'reports';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'clientKey' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('无法打开本机存储'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('本机存储写入失败'));
    });
  } finally {
    db.close();
  }
}

let entries: OutboxReport[] = [];
const listeners = new Set<() => void>();
async function reload() {
  entries = (await run('readonly', (s) => s.getAll() as IDBRequest<OutboxReport[]>)).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  for (const l of listeners) l();
}
const put = async (entry: OutboxReport) => {
  await run('readwrite', (s) => s.put(entry));
  await reload();
};
export const removeFromOutbox = async (clientKey: string) => {
  await run('readwrite', (s) => s.delete(clientKey));
  await reload();
};

export function useOutbox(): OutboxReport[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => entries,
  );
}

export const keepInOutbox = (entry: Omit<OutboxReport, 'savedAt'>) => put({ ...entry, savedAt: new Date().toISOString() });

// A failure of the network itself (no answer at all), as opposed to the server refusing.
export const isOffline = (err: unknown) => !navigator.onLine || err instanceof TypeError;

let flushing: Promise<number> | null = null;

// Sends what is kept, oldest first; stops at the first network failure. Resolves to the number sent.
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      await reload();
      for (const entry of entries.filter((e) => !e.refused)) {
        try {
          while (entry.photos.length > 0) {
            const form = new FormData();
            form.append('file', entry.photos[0]!);
            const { id } = await upload('/api/v1/tasks/{id}/attachments', { id: entry.taskId }, form);
            entry.body = { ...entry.body, attachmentIds: [...(entry.body.attachmentIds ?? []), id] };
            entry.photos = entry.photos.slice(1);
            await put(entry);
          }
          await call(api.POST('/api/v1/tasks/{id}/reports', { params: { path: { id: entry.taskId } }, body: { ...entry.body, clientKey: entry.clientKey } }));
          await removeFromOutbox(entry.clientKey);
          sent += 1;
        } catch (err) {
          if (isOffline(err)) break;
          await put({ ...entry, refused: err instanceof Error ? err.message : '发送失败' });
        }
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

// Flush on start, whenever the network returns, and every minute while anything waits.
export function startOutbox(onSent: (n: number) => void) {
  const flush = () => void flushOutbox().then((n) => n > 0 && onSent(n));
  flush();
  window.addEventListener('online', flush);
  const timer = window.setInterval(() => entries.some((e) => !e.refused) && flush(), 60_000);
  return () => {
    window.removeEventListener('online', flush);
    window.clearInterval(timer);
  };
}
