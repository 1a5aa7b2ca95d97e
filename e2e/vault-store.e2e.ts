/**
 * The encrypted store in real Chromium (issue 8, "Done when", first part): with encryption on,
 * a page with a unique phrase is captured; with the browser closed, the phrase and the page's
 * URL appear nowhere in the extension's IndexedDB (LevelDB and blob files) or its extension
 * storage; after a relaunch and unlock the item reads back with the same hash.
 *
 * Turning encryption on is driven through the e2e hooks (the settings screen does not exist
 * yet); the store layer it runs is the one the extension uses.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, tabIdOf, type Extension } from './browser';
import { startServer, type TestServer } from './server';
import { captureWithFullPage, phrasePage, scanTexts } from './disk-scan';

const PHRASE = 'Peregrine-Vaultscan-4471 задержали наблюдателя';
const PATH = '/vault-peregrine-4471.html';
const PASS = 'e2e passphrase: four random words';
const FAST = { m_kib: 8 * 1024, t: 1, p: 1 };

type Hooks = {
  db: unknown;
  storeVault: {
    enableEncryption(db: unknown, pass: string, opts: unknown): Promise<unknown>;
    unlockStore(db: unknown, pass: string): Promise<{ result: string }>;
    loadVaultState(db: unknown): Promise<string>;
  };
  store: {
    getItem(
      db: unknown,
      id: string,
    ): Promise<
      | {
          url: string;
          title: string;
          artifacts: Array<{ role: string; artifact_id: string; sha256: string }>;
        }
      | undefined
    >;
    readArtifactBytes(db: unknown, id: string): Promise<Uint8Array>;
  };
};

let server: TestServer;
let profile: string;

beforeAll(async () => {
  server = await startServer();
  server.extra.set(PATH, phrasePage(PHRASE));
  profile = await mkdtemp(join(tmpdir(), 'protokol-vault-e2e-'));
});
afterAll(async () => {
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** Which secrets (phrase, its words, the URL path) appear in which files. */
function scan(dir: string, id: string) {
  return scanTexts(dir, id, [
    PHRASE,
    'Peregrine-Vaultscan',
    'peregrine',
    'vaultscan',
    PATH,
    'vault-peregrine-4471',
  ]);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Captures the test page in a browser on profile `dir`, turning encryption on first if asked. */
async function captureIn(dir: string, encryptFirst: boolean) {
  const ext = await launch({ profile: dir });
  const sw = await ext.worker();
  const enable = (pass: string) =>
    sw.evaluate(
      async ({ pass, fast }) => {
        const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
        await h.storeVault.enableEncryption(h.db, pass, { vault: { argon: fast } });
      },
      { pass, fast: FAST },
    );
  if (encryptFirst) await enable(PASS);
  const { page } = await openPage(ext, server.url(PATH));
  const tabId = await tabIdOf(ext, server.url(PATH));
  const res = await captureWithFullPage(sw, tabId);
  await page.close();
  return { ext, sw, res };
}

describe('the encrypted store on disk', () => {
  let ext: Extension;
  let id: string;
  let itemId: string;
  let htmlSha: string;

  it('captures a page with encryption on', async () => {
    let sw;
    let res;
    ({ ext, sw, res } = await captureIn(profile, true));
    id = ext.id;
    expect(res.r.ok, JSON.stringify(res.r)).toBe(true);
    // The full-page screenshot, added after the save, went through the encrypted store too.
    expect(res.status).toBe('added');
    itemId = res.r.item_id!;
    const back = await sw.evaluate(async (item) => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      const it = (await h.store.getItem(h.db, item))!;
      const html = it.artifacts.find((a) => a.role === 'html_snapshot')!;
      const bytes = await h.store.readArtifactBytes(h.db, html.artifact_id);
      return { url: it.url, title: it.title, sha256: html.sha256, bytes: Array.from(bytes) };
    }, itemId);
    expect(back.url).toBe(server.url(PATH));
    expect(back.title).toContain('Peregrine');
    expect(sha(Uint8Array.from(back.bytes))).toBe(back.sha256);
    htmlSha = back.sha256;
    await ext.ctx.close();
  });

  it('leaves neither the phrase nor the URL in the extension’s storage on disk', async () => {
    const r = await scan(profile, id);
    expect(r.files.length).toBeGreaterThan(2);
    expect(r.hits).toEqual([]);
  });

  it('the same scan finds the phrase and the URL in a clear store (it can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'protokol-vault-e2e-clear-'));
    try {
      const { ext: clear, res } = await captureIn(dir, false);
      expect(res.r.ok, JSON.stringify(res.r)).toBe(true);
      await clear.ctx.close();
      const r = await scan(dir, clear.id);
      expect(r.hits.some((h) => h.endsWith(PHRASE))).toBe(true);
      expect(r.hits.some((h) => h.endsWith(PATH))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('after a relaunch it is locked, and unlocks to the same bytes', async () => {
    ext = await launch({ profile });
    const sw = await ext.worker();
    const out = await sw.evaluate(
      async ({ item, pass }) => {
        const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
        const state = await h.storeVault.loadVaultState(h.db);
        let lockedRead = 'read';
        await h.store.getItem(h.db, item).catch((e: Error) => (lockedRead = e.name));
        const wrong = (await h.storeVault.unlockStore(h.db, 'not the passphrase')).result;
        const right = (await h.storeVault.unlockStore(h.db, pass)).result;
        const it = (await h.store.getItem(h.db, item))!;
        const html = it.artifacts.find((a) => a.role === 'html_snapshot')!;
        const bytes = await h.store.readArtifactBytes(h.db, html.artifact_id);
        return { state, lockedRead, wrong, right, sha256: html.sha256, bytes: Array.from(bytes) };
      },
      { item: itemId, pass: PASS },
    );
    expect(out).toMatchObject({
      state: 'locked',
      lockedRead: 'StoreLockedError',
      wrong: 'wrong',
      right: 'unlock',
      sha256: htmlSha,
    });
    expect(sha(Uint8Array.from(out.bytes))).toBe(htmlSha);
    await ext.close();
  });
});
