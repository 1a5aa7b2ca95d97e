/**
 * The encrypted store through the interface, in real Chromium (issue 8, parts 1–3): the
 * library's first-run offer turns encryption on before anything is written; a page is clipped
 * from the popup; after the browser is closed and relaunched on the same profile the popup and
 * the library show the lock screen; a wrong passphrase is refused; the right one lists the item,
 * whose recorded SHA-256 matches its bytes, with a capture clipped while locked (sealed) opened
 * into the library at unlock; a lock from the popup locks the library too; the
 * idle lock (1 minute, its alarm fired through the test hook with a clock 61 s ahead) and a
 * clock going back lock it; with the browser closed the phrase and the URL's path are in none of
 * the extension's storage files; the duress passphrase typed at the lock screen erases the store
 * and the library shows the first-run offer again.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipThroughPopup,
  launch,
  openExtensionPage,
  openPage,
  openPopupFor,
  stopWorker,
  type Extension,
} from './browser';
import { scanTexts } from './disk-scan';
import { startServer, type TestServer } from './server';

const PHRASE = 'Kestrel-Lockscreen-8312 разогнали пикет';
const PATH = '/vault-ui-kestrel-8312.html';
const PASS = 'correct horse battery staple meadow';
const DURESS = 'tulip anchor violin basket';

interface Hooks {
  db: {
    items: { toArray(): Promise<Array<{ id: string; title: string }>> };
    cases: { add(c: unknown): Promise<unknown> };
  };
  vaultService: {
    status(): Promise<{
      status: string;
      reason?: string;
      idleMinutes: number | null;
      conversion: unknown;
    }>;
    tick(at?: number): Promise<void>;
  };
  store: {
    getItem(
      db: unknown,
      id: string,
    ): Promise<{ artifacts: Array<{ role: string; artifact_id: string; sha256: string }> }>;
    readArtifactBytes(db: unknown, id: string): Promise<Uint8Array>;
  };
}

let server: TestServer;
let profile: string;
let ext: Extension;

beforeAll(async () => {
  server = await startServer();
  server.extra.set(
    PATH,
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${PHRASE}</title></head>` +
      `<body><article><h1>${PHRASE}</h1>${`<p>${PHRASE}. Очевидцы сообщают о задержаниях.</p>`.repeat(15)}</article></body></html>`,
  );
  profile = await mkdtemp(join(tmpdir(), 'protokol-vault-ui-e2e-'));
});
afterAll(async () => {
  await ext?.ctx.close().catch(() => undefined);
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** The background's vault status; fails (rather than hangs) when the worker does not answer. */
const status = async (sw: Worker) =>
  Promise.race([
    sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.vaultService.status(),
    ),
    new Promise<never>((_, fail) =>
      setTimeout(() => fail(new Error('the worker did not answer vault status in 15 s')), 15_000),
    ),
  ]);

async function unlockIn(page: Page, passphrase: string): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-button').click();
}

/** The item list of the library shows this many items (the library is unlocked). */
async function expectListed(lib: Page, n: number): Promise<void> {
  await expect
    .poll(() => lib.getByTestId('item-count').getAttribute('data-count'), { timeout: 30_000 })
    .toBe(String(n));
}

describe('the vault through the interface', () => {
  let itemId: string;

  it('first run: the library offers a passphrase, and the store is encrypted before any capture', async () => {
    ext = await launch({ profile });
    const sw = await ext.worker();
    expect((await status(sw)).status).toBe('clear');
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('first-run').waitFor();
    await lib.getByTestId('new-passphrase').fill(PASS);
    await lib.getByTestId('confirm-passphrase').fill(PASS + ' typo');
    await expect
      .poll(() => lib.getByTestId('passphrase-mismatch').count(), { timeout: 15_000 })
      .toBe(1);
    await expect(lib.getByTestId('first-run-form-submit').isDisabled()).resolves.toBe(true);
    await lib.getByTestId('confirm-passphrase').fill(PASS);
    const t0 = Date.now();
    await lib.getByTestId('first-run-form-submit').click();
    // Created: the offer goes, the library's own empty state stays, and Lock appears.
    await lib.getByTestId('first-run').waitFor({ state: 'detached', timeout: 60_000 });
    console.log(`first-run encryption set up in ${Date.now() - t0} ms (click to offer gone)`);
    await lib.getByTestId('vault-lock').waitFor();
    expect((await status(sw)).status).toBe('unlocked');
    // The session key is where pages and a restarted worker find it, in memory-only storage.
    const kept = await sw.evaluate(async () =>
      Object.keys(await chrome.storage.session.get('vault.session')),
    );
    expect(kept).toEqual(['vault.session']);

    const { page, tabId } = await openPage(ext, server.url(PATH));
    const { popup, state } = await clipThroughPopup(ext, tabId, { fullPage: 'saved' });
    expect(state).toBe('ok');
    await popup.getByTestId('vault-lock').waitFor();
    await popup.close();
    await page.close();
    await expectListed(lib, 1);
    const items = await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.db.items.toArray(),
    );
    expect(items).toHaveLength(1);
    itemId = items[0]!.id;
    expect(items[0]!.title).toContain('Kestrel');
    // Let the full-page screenshot finish before closing the browser.
    await expect
      .poll(
        () =>
          sw.evaluate(async (id) => {
            const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
            const it = (await h.store.getItem(h.db, id)) as { full_page?: { status: string } };
            return it.full_page?.status ?? 'none';
          }, itemId),
        { timeout: 60_000 },
      )
      .not.toBe('pending');
    await ext.ctx.close();
  });

  it('after a relaunch the popup and the library are locked; wrong refused, right lists the item with its hash', async () => {
    ext = await launch({ profile });
    const sw = await ext.worker();
    expect(await status(sw)).toMatchObject({ status: 'locked', reason: 'start' });
    const { tabId } = await openPage(ext, server.url(PATH));
    const popup = await openPopupFor(ext, tabId);
    await popup.getByTestId('lock-screen').waitFor();
    // Locked, the popup still clips: the capture is sealed, and the lock screen counts it.
    expect(await popup.getByTestId('popup-case').count()).toBe(0);
    await popup.getByTestId('clip-page').click();
    await popup
      .getByTestId('capture-status')
      .and(popup.locator('[data-state="sealed"], [data-state="error"]'))
      .waitFor({ timeout: 60_000 });
    expect(await popup.getByTestId('capture-status').getAttribute('data-state')).toBe('sealed');
    await expect
      .poll(() => popup.getByTestId('sealed-waiting').innerText(), { timeout: 15_000 })
      .toMatch(/: 1$/);
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('lock-screen').waitFor();
    expect(await lib.getByTestId('item-count').count()).toBe(0);
    expect(await lib.locator('body').innerText()).not.toContain('Kestrel');

    // While locked, the worker's connection refuses to write a sensitive record in clear.
    const refused = await sw.evaluate(async () => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      return h.db.cases
        .add({ id: 'e2e-case', title: 'clear title', created_at: new Date().toISOString() })
        .then(
          () => 'written',
          (e: Error) => e.name,
        );
    });
    expect(refused).toBe('StoreLockedError');

    await unlockIn(lib, 'not the passphrase');
    await lib.getByTestId('unlock-error').waitFor({ timeout: 30_000 });
    expect(await lib.getByTestId('unlock-error').innerText()).toMatch(/wrong passphrase/i);
    expect((await status(sw)).status).toBe('locked');

    const t0 = Date.now();
    await unlockIn(lib, PASS);
    // The earlier capture, and the one sealed while locked, opened into the library at unlock.
    await expectListed(lib, 2);
    const unlockMs = Date.now() - t0;
    expect(await lib.getByTestId('item-title').first().innerText()).toContain('Kestrel');
    // The popup, open all along, unlocked by itself (it watches the session key).
    await popup.getByTestId('lock-screen').waitFor({ state: 'detached' });
    await popup.getByTestId('vault-lock').waitFor();

    const back = await sw.evaluate(async (id) => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      const it = await h.store.getItem(h.db, id);
      const html = it.artifacts.find((a) => a.role === 'html_snapshot')!;
      const bytes = await h.store.readArtifactBytes(h.db, html.artifact_id);
      return { sha256: html.sha256, bytes: Array.from(bytes) };
    }, itemId);
    expect(createHash('sha256').update(Uint8Array.from(back.bytes)).digest('hex')).toBe(
      back.sha256,
    );
    expect(Buffer.from(back.bytes).toString('utf8')).toContain('Kestrel-Lockscreen-8312');
    console.log(`unlock through the library's lock screen: ${unlockMs} ms (to the list shown)`);

    // A content script (ours, in the page) can neither lock nor read the session key.
    const fromContent = await sw.evaluate(async (id) => {
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: async () => {
          const lock = await chrome.runtime.sendMessage<
            unknown,
            { err?: { message: string } } | undefined
          >({ id: 7, type: 'vault.lock', timestamp: Date.now() });
          const session = await chrome.storage.session.get(null).then(
            (v) => `read ${Object.keys(v).length}`,
            (e: Error) => `refused: ${e.message}`,
          );
          return { lock: lock?.err?.message ?? 'no error', session };
        },
      });
      return r?.result as { lock: string; session: string };
    }, tabId);
    expect(fromContent.lock).toMatch(/only allowed from Protokol/);
    expect(fromContent.session).toMatch(/^refused/);
    expect((await status(sw)).status).toBe('unlocked');

    // A service worker stopped by the browser comes back unlocked (the session key).
    await stopWorker(ext);
    const sw2 = await ext.worker();
    expect((await status(sw2)).status).toBe('unlocked');
    const again = await sw2.evaluate(async (id) => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      return (await h.store.getItem(h.db, id)).artifacts.length;
    }, itemId);
    expect(again).toBeGreaterThan(0);

    // Lock from the popup: the popup and the library both show the lock screen.
    await popup.getByTestId('vault-lock').click();
    await popup.getByTestId('lock-screen').waitFor();
    await lib.getByTestId('lock-screen').waitFor();
    expect(await status(await ext.worker())).toMatchObject({ status: 'locked', reason: 'manual' });
    await popup.close();
    await lib.close();
  });

  it('locks itself after the idle time chosen in settings, and when the clock goes back', async () => {
    const sw = await ext.worker();
    const settings = await openExtensionPage(ext, 'settings.html');
    await unlockIn(settings, PASS);
    await settings.getByTestId('encryption-card').waitFor({ timeout: 30_000 });
    await settings.getByTestId('idle-select').selectOption('1');
    await expect.poll(async () => (await status(sw)).idleMinutes, { timeout: 15_000 }).toBe(1);
    const alarm = await sw.evaluate(async () => {
      const a = await chrome.alarms.get('protokol-vault-idle');
      return a ? a.scheduledTime - Date.now() : null;
    });
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeGreaterThan(50_000);
    expect(alarm!).toBeLessThanOrEqual(60_000);
    // Reading the library asks the background nothing, but what the user does there (a click)
    // tells it they are not idle: the alarm moves later.
    const alarmAt = () =>
      sw.evaluate(async () => (await chrome.alarms.get('protokol-vault-idle'))?.scheduledTime ?? 0);
    const lib = await openExtensionPage(ext, 'library.html');
    await expectListed(lib, 2);
    const before = await alarmAt();
    await lib.waitForTimeout(1500);
    expect(await alarmAt()).toBe(before);
    await lib.getByTestId('search-input').click();
    await expect.poll(alarmAt, { timeout: 15_000 }).toBeGreaterThan(before + 1000);
    await lib.close();
    // The alarm's handler 30 s in: still unlocked; 61 s in (a faked clock): locked.
    await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.vaultService.tick(
        Date.now() + 30_000,
      ),
    );
    expect((await status(sw)).status).toBe('unlocked');
    await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.vaultService.tick(
        Date.now() + 61_000,
      ),
    );
    expect(await status(sw)).toMatchObject({ status: 'locked', reason: 'idle' });
    await settings.getByTestId('lock-screen').waitFor();
    await expect
      .poll(() => settings.getByTestId('lock-reason').getAttribute('data-reason'), {
        timeout: 15_000,
      })
      .toBe('idle');

    // A clock that goes back cannot measure idleness: it locks.
    await unlockIn(settings, PASS);
    await settings.getByTestId('encryption-card').waitFor({ timeout: 30_000 });
    await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.vaultService.tick(
        Date.now() - 120_000,
      ),
    );
    expect(await status(sw)).toMatchObject({ status: 'locked', reason: 'clock' });
    await settings.close();
  });

  it('with the browser closed, neither the phrase nor the URL is in the extension’s storage files', async () => {
    const id = ext.id;
    await ext.ctx.close();
    const r = await scanTexts(profile, id, [
      PHRASE,
      'Kestrel-Lockscreen',
      'kestrel',
      'lockscreen-8312',
      PATH,
      'vault-ui-kestrel-8312',
    ]);
    expect(r.files.length).toBeGreaterThan(2);
    expect(r.hits).toEqual([]);
  });

  it('the duress passphrase at the lock screen erases the store: the library is empty and offers a passphrase again', async () => {
    ext = await launch({ profile });
    const sw = await ext.worker();
    const settings = await openExtensionPage(ext, 'settings.html');
    await unlockIn(settings, PASS);
    await settings.getByTestId('encryption-card').waitFor({ timeout: 30_000 });
    await settings
      .getByText(/duress passphrase/i)
      .first()
      .click();
    await settings.getByTestId('duress-current').fill(PASS);
    await settings.getByTestId('duress-passphrase').fill(DURESS);
    await settings.getByTestId('duress-set').click();
    await expect
      .poll(() => settings.getByTestId('duress-answer').getAttribute('data-ok'), {
        timeout: 30_000,
      })
      .toBe('true');
    await settings.getByTestId('lock-now').click();
    await settings.getByTestId('lock-screen').waitFor();
    await settings.close();

    const { tabId } = await openPage(ext, server.url(PATH));
    const popup = await openPopupFor(ext, tabId);
    await unlockIn(popup, DURESS);
    // Nothing says "duress". The wipe closes the extension's tabs, and this test's popup is a
    // tab in a popup window (a real toolbar popup is not a tab and shows a fresh extension).
    await Promise.race([
      popup.waitForEvent('close', { timeout: 30_000 }),
      popup.getByTestId('lock-screen').waitFor({ state: 'detached', timeout: 30_000 }),
    ]);
    if (!popup.isClosed()) expect(await popup.getByTestId('vault-lock').count()).toBe(0);
    await expect.poll(async () => (await status(sw)).status, { timeout: 15_000 }).toBe('clear');
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('first-run').waitFor();
    await expectListed(lib, 0);
    const left = await sw.evaluate(async () => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      return {
        items: (await h.db.items.toArray()).length,
        session: Object.keys(await chrome.storage.session.get(null)),
      };
    });
    expect(left.items).toBe(0);
    expect(left.session).not.toContain('vault.session');
    await ext.ctx.close();
  });
});

describe('turning encryption on later, from settings', () => {
  const LATER = 'quartz lantern ferry orchard';
  const NEXT = 'pebble canyon ribbon walnut';
  let dir: string;
  let ext2: Extension;
  afterAll(async () => {
    await ext2?.ctx.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('"Not now" at first run; a clear capture; settings converts it, warns about old plaintext; new passphrase works', async () => {
    dir = await mkdtemp(join(tmpdir(), 'protokol-vault-ui-later-'));
    ext2 = await launch({ profile: dir });
    const sw = await ext2.worker();
    const lib = await openExtensionPage(ext2, 'library.html');
    await lib.getByTestId('first-run-not-now').click();
    await lib.getByTestId('first-run').waitFor({ state: 'detached' });
    await lib.reload();
    await lib.getByTestId('empty-state').waitFor();
    expect(await lib.getByTestId('first-run').count()).toBe(0);

    const { page, tabId } = await openPage(ext2, server.url(PATH));
    const { popup, state } = await clipThroughPopup(ext2, tabId);
    expect(state).toBe('ok');
    await popup.close();
    await page.close();
    const [item] = await sw.evaluate(() =>
      (globalThis as unknown as { __protokol: Hooks }).__protokol.db.items.toArray(),
    );

    const settings = await openExtensionPage(ext2, 'settings.html');
    await settings
      .getByTestId('vault-state')
      .and(settings.locator('[data-state="clear"]'))
      .waitFor();
    expect(await settings.getByTestId('old-plaintext-warning').innerText()).toMatch(
      /may remain readable.*full-disk encryption/s,
    );
    await settings.getByTestId('new-passphrase').fill(LATER);
    await settings.getByTestId('confirm-passphrase').fill(LATER);
    await settings.getByTestId('turn-on-form-submit').click();
    await settings
      .getByTestId('vault-state')
      .and(settings.locator('[data-state="unlocked"]'))
      .waitFor({ timeout: 60_000 });
    expect(await status(sw)).toMatchObject({ status: 'unlocked' });
    // The settings page shows the conversion's progress until it is done.
    await expect.poll(async () => (await status(sw)).conversion, { timeout: 60_000 }).toBeNull();
    // Converted: the item reads back through the keys, and its record is sealed on disk.
    const conv = await sw.evaluate(async (id) => {
      const h = (globalThis as unknown as { __protokol: Hooks }).__protokol;
      const it = await h.store.getItem(h.db, id);
      const html = it.artifacts.find((a) => a.role === 'html_snapshot')!;
      const bytes = await h.store.readArtifactBytes(h.db, html.artifact_id);
      const marker = await (
        h.db as unknown as { settings: { get(k: string): Promise<{ value: { phase: string } }> } }
      ).settings.get('vault.conversion');
      return { sha256: html.sha256, bytes: Array.from(bytes), phase: marker.value.phase };
    }, item!.id);
    expect(conv.phase).toBe('done');
    expect(createHash('sha256').update(Uint8Array.from(conv.bytes)).digest('hex')).toBe(
      conv.sha256,
    );

    // Change the passphrase (re-wrap only), lock, and only the new one opens it.
    await settings.getByText(/change the passphrase/i).click();
    await settings.getByTestId('current-passphrase').fill(LATER);
    await settings.getByTestId('change-form').getByTestId('new-passphrase').fill(NEXT);
    await settings.getByTestId('change-form').getByTestId('confirm-passphrase').fill(NEXT);
    await settings.getByTestId('change-form-submit').click();
    await expect
      .poll(() => settings.getByTestId('change-answer').getAttribute('data-ok'), {
        timeout: 30_000,
      })
      .toBe('true');
    await settings.getByTestId('lock-now').click();
    await settings.getByTestId('lock-screen').waitFor();
    await unlockIn(settings, LATER);
    await settings.getByTestId('unlock-error').waitFor({ timeout: 30_000 });
    await unlockIn(settings, NEXT);
    await settings.getByTestId('encryption-card').waitFor({ timeout: 30_000 });
    expect((await status(sw)).status).toBe('unlocked');
    await expectListed(lib, 1);

    // A header whose sealing key was swapped: the right passphrase says the store is damaged.
    await settings.getByTestId('lock-now').click();
    await settings.getByTestId('lock-screen').waitFor();
    await sw.evaluate(async () => {
      const db = (globalThis as unknown as { __protokol: Hooks }).__protokol.db as unknown as {
        settings: {
          get(k: string): Promise<{ key: string; value: { sealing: { private_key: string } } }>;
          put(r: unknown): Promise<unknown>;
        };
      };
      const row = await db.settings.get('vault.header');
      const pk = row.value.sealing.private_key;
      row.value.sealing.private_key = (pk[0] === 'A' ? 'B' : 'A') + pk.slice(1);
      await db.settings.put(row);
    });
    await unlockIn(settings, NEXT);
    await settings.getByTestId('unlock-error').waitFor({ timeout: 30_000 });
    expect(await settings.getByTestId('unlock-error').innerText()).toMatch(/changed or damaged/);
    expect((await status(sw)).status).toBe('locked');
  });
});
