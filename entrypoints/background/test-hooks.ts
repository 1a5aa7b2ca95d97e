/**
 * Hooks for the e2e tests, the batch CLI and the benchmarks, compiled in only when built with
 * `--mode e2e` (`import.meta.env.MODE` is replaced at build time, so release builds drop this).
 */
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { browser } from 'wxt/browser';
import type { CaptureResult, CaptureTabRequest, UserError } from '@/utils/protocol';
import {
  buildPackInput,
  countSealed,
  discardStaged,
  getCustodyLines,
  getDetectPrefs,
  getItem,
  setDetectPrefs,
  storeSigner,
  readArtifactBytes,
  saveCapture,
  type EvidenceDb,
} from '@/utils/store';
import type { SpaceEstimate } from '@/utils/store/quota';
import { downloadToStore, DOWNLOAD_NOTE, type DownloadOptions } from './media-download';
import { toUserError } from './jobs';
import { runVaultBench } from '@/bench/vault-core';
import { defaultSha256 } from '@/utils/pack/sha256';
import { writePack } from '@/utils/pack';
import * as vault from '@/utils/vault';
import * as storeVault from '@/utils/store/vault-store';
import type { VaultService } from './vault';
import { lastWipe, panicWipe, type WipeResult } from './wipe';
import { exportBenchPair, exportToNowhere, generateItems, storeSnapshot } from './test-store-gen';

export interface TestHooks {
  db: EvidenceDb;
  /** The capture the popup asks for; benchmarks pass `fullPage` ('background' by default). */
  runCapture: (
    tabId: number,
    caseId?: string | null,
    media?: CaptureTabRequest['media'],
    recordFor?: CaptureTabRequest['recordFor'],
    fullPage?: CaptureTabRequest['fullPage'],
  ) => Promise<CaptureResult>;
  /** Start-up recovery (interrupted jobs, staged leftovers); work waits for it. */
  recovered: Promise<unknown>;
  /** The background's vault service (entrypoints/background/vault.ts): create, unlock, lock, idle tick. */
  vaultService: VaultService;
}

export type TestDownloadResult =
  | {
      ok: true;
      item_id: string;
      sha256: string;
      size: number;
      resumed: number;
      status: number;
      final_url: string;
      media_type: string;
      headers: Record<string, string>;
      ms: number;
    }
  | { ok: false; error: UserError; ms: number };

/** `cancelAfter`: cancel the download (its AbortSignal) once this many bytes arrived. */
export type TestDownloadOptions = Pick<DownloadOptions, 'maxResumes' | 'stallMs'> & {
  pageUrl?: string;
  cancelAfter?: number;
};

export interface InstalledHooks extends TestHooks {
  /**
   * Make writes of artifact bytes fail as a full disk does (a real QuotaExceededError
   * DOMException thrown inside the real IndexedDB transaction), to check that nothing is
   * half-written. `afterChunks`: let that many chunk writes through first (a file that fills
   * the disk mid-stream). Deletes still work, as they do on a full disk.
   */
  simulateQuotaExceeded(on: boolean, opts?: { afterChunks?: number }): void;
  /**
   * Make `navigator.storage.estimate()` answer this (null: the browser's own answer again).
   * The extension holds unlimitedStorage, so a small quota can only be simulated.
   */
  simulateStorageEstimate(e: SpaceEstimate | null): void;
  /**
   * Download a file into the store and save it as a video item (what the media capture does
   * with a downloaded file), for tests and benchmarks until the page control drives it.
   */
  downloadMedia(url: string, opts?: TestDownloadOptions): Promise<TestDownloadResult>;
  /** bench/vault: the vault's cryptography timed inside this service worker. */
  vaultBench: typeof runVaultBench;
  /** The stager's incremental SHA-256 over `total` bytes fed `piece` bytes at a time (benchmark). */
  hashThroughput(total: number, piece: number): Promise<{ bytes: number; ms: number }>;
  /** The vault core, to check it in the real service worker's WebCrypto and WebAssembly. */
  vault: typeof vault;
  /** Turning encryption on, unlock and lock, on this worker's store (no settings screen yet). */
  storeVault: typeof storeVault;
  /** Store readers, to read an item back through the encryption layer. */
  store: {
    getItem: typeof getItem;
    readArtifactBytes: typeof readArtifactBytes;
    getCustodyLines: typeof getCustodyLines;
    countSealed: typeof countSealed;
    getDetectPrefs: typeof getDetectPrefs;
    setDetectPrefs: typeof setDetectPrefs;
    /** Every item read through the layer: id, kind and the action of its last custody line. */
    listItems(db: EvidenceDb): Promise<Array<{ id: string; kind: string; last_action: string }>>;
  };
  /** A signed pack of `itemIds` written in this worker (what the library's export writes), as bytes. */
  exportPackBytes(itemIds: string[]): Promise<string>;
  /** The panic wipe as the popup's message runs it (benchmarks), and the last one's result. */
  panicWipe(): Promise<WipeResult>;
  lastWipe: typeof lastWipe;
  /** Fill the store with generated captures (through saveCapture), and snapshot what it holds. */
  generateItems(o: Parameters<typeof generateItems>[1]): ReturnType<typeof generateItems>;
  storeSnapshot(o?: Parameters<typeof storeSnapshot>[1]): ReturnType<typeof storeSnapshot>;
  /** Build and sign a pack of these items into a byte-counting sink (bench/vault). */
  exportToNowhere(itemIds: string[]): ReturnType<typeof exportToNowhere>;
  exportBenchPair: typeof exportBenchPair;
}

export function installTestHooks(hooks: TestHooks): void {
  let quotaFull = false;
  let allowChunks = 0;
  hooks.db.use({
    stack: 'dbcore',
    name: 'e2e-simulated-quota',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const writes = req.type === 'add' || req.type === 'put';
            if (!quotaFull || name !== 'chunks' || !writes) return table.mutate(req);
            if (allowChunks > 0) {
              allowChunks--;
              return table.mutate(req);
            }
            return Promise.reject(
              new DOMException(
                'The quota has been exceeded (simulated by the e2e test).',
                'QuotaExceededError',
              ),
            );
          },
        };
      },
    }),
  });
  const storage = navigator.storage;
  const realEstimate = storage.estimate.bind(storage);
  const installed: InstalledHooks = {
    ...hooks,
    simulateQuotaExceeded: (on, opts = {}) => {
      quotaFull = on;
      allowChunks = opts.afterChunks ?? 0;
    },
    simulateStorageEstimate: (e) => {
      Object.defineProperty(storage, 'estimate', {
        configurable: true,
        value: e === null ? realEstimate : () => Promise.resolve(e),
      });
    },
    downloadMedia: (url, opts = {}) => downloadMedia(hooks, url, opts),
    vaultBench: runVaultBench,
    hashThroughput,
    vault,
    storeVault,
    store: {
      getItem,
      readArtifactBytes,
      getCustodyLines,
      countSealed,
      getDetectPrefs,
      setDetectPrefs,
      listItems: async (db) =>
        Promise.all(
          (await db.items.toArray()).map(async (i) => ({
            id: i.id,
            kind: i.kind,
            last_action: (await db.custody.get([i.id, i.custody_length - 1]))?.action ?? '',
          })),
        ),
    },
    exportPackBytes: (ids) => exportPackBytes(hooks.db, ids),
    panicWipe: () => panicWipe(hooks.db),
    lastWipe,
    generateItems: (o) => generateItems(hooks.db, o),
    storeSnapshot: (o) => storeSnapshot(hooks.db, o),
    exportToNowhere: (ids) => exportToNowhere(hooks.db, ids),
    exportBenchPair,
  };
  (globalThis as unknown as { __protokol: InstalledHooks }).__protokol = installed;
  if (import.meta.env.BROWSER === 'firefox') installOpenHook();
}

/**
 * Firefox: WebDriver BiDi cannot navigate a tab to a `moz-extension://` page, so a test opens
 * `http://protokol.test/open/<path>` and the extension itself moves that tab to its page.
 */
export const OPEN_HOOK_PREFIX = 'http://protokol.test/open/';
function installOpenHook(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    const url = change.url;
    if (!url?.startsWith(OPEN_HOOK_PREFIX)) return;
    // Any page of the extension (a test names it); getURL's type knows only the entrypoints.
    const page = new URL(url.slice(OPEN_HOOK_PREFIX.length), browser.runtime.getURL('/')).href;
    void browser.tabs.create({ url: page }).then(() => browser.tabs.remove(tabId));
  });
}

async function downloadMedia(
  hooks: TestHooks,
  url: string,
  opts: TestDownloadOptions,
): Promise<TestDownloadResult> {
  await hooks.recovered;
  const t0 = performance.now();
  const { db } = hooks;
  try {
    const cancel = new AbortController();
    const d = await downloadToStore(db, url, {
      ...opts,
      signal: cancel.signal,
      onProgress: (bytes) => {
        if (opts.cancelAfter !== undefined && bytes >= opts.cancelAfter) cancel.abort();
      },
    });
    const name = decodeURIComponent(new URL(d.final_url).pathname.split('/').pop() ?? '');
    try {
      const item = await saveCapture(db, {
        kind: 'video',
        url: opts.pageUrl ?? url,
        title: name || url,
        source: {
          src_url: url,
          page_url: opts.pageUrl ?? url,
          capture_method: 'download',
          http: {
            status: d.status,
            final_url: d.final_url,
            headers: d.headers,
            resumed: d.resumed,
          },
          fetched_by: DOWNLOAD_NOTE,
        },
        environment: {
          user_agent: navigator.userAgent,
          extension_version: browser.runtime.getManifest().version,
        },
        alterations: [],
        text: '',
        artifacts: [
          {
            role: 'media',
            name: /^[\w.-]{1,100}$/.test(name) ? name : 'media.bin',
            media_type: d.media_type,
            staged: d.staged,
          },
        ],
      });
      return {
        ok: true,
        item_id: item.id,
        sha256: d.staged.sha256,
        size: d.staged.size,
        resumed: d.resumed,
        status: d.status,
        final_url: d.final_url,
        media_type: d.media_type,
        headers: d.headers,
        ms: performance.now() - t0,
      };
    } catch (e) {
      // saveCapture left the staged chunks for us: delete them, as a real capture must.
      await discardStaged(db, d.staged.artifact_id);
      throw e;
    }
  } catch (e) {
    return { ok: false, error: toUserError(e), ms: performance.now() - t0 };
  }
}

async function exportPackBytes(db: EvidenceDb, itemIds: string[]): Promise<string> {
  const parts: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (c) => void parts.push(c.slice()) });
  const input = await buildPackInput(db, {
    itemIds,
    generator: {
      name: 'protokol',
      version: browser.runtime.getManifest().version,
      user_agent: navigator.userAgent,
    },
  });
  await writePack(input, sink, await storeSigner(db));
  let bin = '';
  for (const p of parts)
    for (let i = 0; i < p.length; i += 0x8000)
      bin += String.fromCharCode(...p.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function hashThroughput(
  total: number,
  piece: number,
): Promise<{ bytes: number; ms: number }> {
  const data = new Uint8Array(16 * 1024 * 1024);
  for (let i = 0; i < data.length; i += 65_536)
    crypto.getRandomValues(data.subarray(i, i + 65_536));
  const h = await defaultSha256();
  const t0 = performance.now();
  let done = 0;
  while (done < total) {
    const off = done % data.length;
    const n = Math.min(piece, total - done, data.length - off);
    h.update(data.subarray(off, off + n));
    done += n;
  }
  h.digestHex();
  return { bytes: done, ms: performance.now() - t0 };
}
