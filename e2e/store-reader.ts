/**
 * Reads the extension's IndexedDB with the raw IndexedDB API from inside the extension
 * (its service worker), so tests check what is really stored, not what our code says.
 */
import type { Page, Worker } from 'playwright-core';

export interface RawDump {
  items: Array<
    Record<string, unknown> & {
      id: string;
      artifacts: Array<{ artifact_id: string; sha256: string; role: string; path: string }>;
      custody_head: string;
      tags: string[];
      timestamp?: { status: string; attempts: number };
    }
  >;
  artifacts: Array<{
    id: string;
    item_id: string;
    sha256: string;
    size: number;
    role: string;
    media_type: string;
  }>;
  /** artifact id → bytes (base64 of the concatenated chunks, in index order). */
  bytes: Record<string, string>;
  custody: Array<{ item_id: string; seq: number; line: string; hash: string; action: string }>;
  jobs: Array<{ id: string; status: string; url: string; error?: { code: string } }>;
}

/** `ctx` is the extension's service worker or any extension page (same origin, same database). */
export async function dumpStore(
  sw: Worker | Page,
  opts: { withBytes?: boolean } = {},
): Promise<RawDump> {
  const read = async ({ withBytes }: { withBytes: boolean }): Promise<RawDump> => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('protokol');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error ?? new Error('open failed'));
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((res, rej) => {
        const r = db.transaction(store, 'readonly').objectStore(store).getAll();
        r.onsuccess = () => res(r.result as T[]);
        r.onerror = () => rej(r.error ?? new Error('read failed'));
      });
    const items = await all<Record<string, unknown>>('items');
    const artifacts = await all<{ id: string }>('artifacts');
    const custody = await all<Record<string, unknown>>('custody');
    const jobs = await all<Record<string, unknown>>('jobs');
    const bytes: Record<string, string> = {};
    if (withBytes) {
      const chunks = await all<{ artifact_id: string; index: number; data: Uint8Array }>('chunks');
      chunks.sort((a, b) =>
        a.artifact_id === b.artifact_id
          ? a.index - b.index
          : a.artifact_id < b.artifact_id
            ? -1
            : 1,
      );
      const parts: Record<string, string[]> = {};
      for (const c of chunks) {
        let s = '';
        const u = new Uint8Array(c.data);
        for (let i = 0; i < u.length; i += 0x8000)
          s += String.fromCharCode(...u.subarray(i, i + 0x8000));
        (parts[c.artifact_id] ??= []).push(s);
      }
      for (const [k, v] of Object.entries(parts)) bytes[k] = btoa(v.join(''));
    }
    db.close();
    return { items, artifacts, custody, jobs, bytes } as unknown as RawDump;
  };
  const arg = { withBytes: opts.withBytes ?? false };
  return 'goto' in sw ? sw.evaluate(read, arg) : sw.evaluate(read, arg);
}

export interface StoreCounts {
  items: number;
  artifacts: number;
  chunks: number;
  custody: number;
  /** Staged artifacts not yet committed (schema v4). */
  staging: number;
  /** Chunks whose artifact has no record: bytes no item owns. */
  orphanChunks: number;
}

/** Record counts, read with the raw IndexedDB API; cheap even with GBs stored (keys only). */
export async function countStore(sw: Worker | Page): Promise<StoreCounts> {
  const read = async (): Promise<StoreCounts> => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('protokol');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error ?? new Error('open failed'));
    });
    const req = <T>(f: (s: IDBObjectStore) => IDBRequest<T>, store: string) =>
      new Promise<T>((res, rej) => {
        const r = f(db.transaction(store, 'readonly').objectStore(store));
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error ?? new Error('read failed'));
      });
    const count = (store: string) => req((s) => s.count(), store);
    const artifactIds = new Set((await req((s) => s.getAllKeys(), 'artifacts')).map(String));
    const chunkKeys = (await req((s) => s.getAllKeys(), 'chunks')) as Array<[string, number]>;
    const out: StoreCounts = {
      items: await count('items'),
      artifacts: artifactIds.size,
      chunks: chunkKeys.length,
      custody: await count('custody'),
      staging: await count('staging'),
      orphanChunks: chunkKeys.filter(([id]) => !artifactIds.has(id)).length,
    };
    db.close();
    return out;
  };
  return 'goto' in sw ? sw.evaluate(read) : sw.evaluate(read);
}
