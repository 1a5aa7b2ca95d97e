/**
 * Capture of articles and ordinary pages in real Chromium with the built extension:
 * the popup path, what is stored (read back raw from IndexedDB), hashes, custody chain,
 * and the library finding the captures.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipThroughPopup,
  IS_FIREFOX,
  launch,
  openExtensionPage,
  openPage,
  type Extension,
} from './browser';
import { startServer, type TestServer } from './server';
import { dumpStore, type RawDump } from './store-reader';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const ZERO = '0'.repeat(64);

/** Independent check of a custody chain, written from the spec, not from our code. */
function checkChain(lines: string[]): string {
  let prev = ZERO;
  lines.forEach((line, seq) => {
    const e = JSON.parse(line) as { seq: number; prev: string; action: string };
    expect(e.seq).toBe(seq);
    expect(e.prev).toBe(prev);
    if (seq === 0) expect(e.action).toBe('captured');
    prev = sha(line);
  });
  return prev;
}

let ext: Extension;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  ext = await launch();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('clipping articles through the popup', () => {
  const pages = [
    { file: 'ru-raid.html', lang: 'ru' },
    { file: 'uk-basement.html', lang: 'uk' },
    { file: 'en-objector.html', lang: 'en' },
  ];
  let dump: RawDump;

  it('saves three articles (ru, uk, en) with every artifact', async () => {
    for (const p of pages) {
      const { page, tabId } = await openPage(ext, server.url(p.file));
      const { popup, state } = await clipThroughPopup(ext, tabId);
      expect(state, await popup.getByTestId('capture-status').innerText()).toBe('ok');
      await popup.close();
      await page.close();
    }
    dump = await dumpStore(await ext.worker(), { withBytes: true });
    expect(dump.items).toHaveLength(3);
    for (const p of pages) {
      const item = dump.items.find((i) => String(i.url).endsWith(p.file));
      expect(item, p.file).toBeDefined();
      expect(item!.kind).toBe('article');
      expect((item!.source as { lang?: string }).lang).toBe(p.lang);
      const roles = item!.artifacts.map((a) => a.role).sort();
      expect(roles).toEqual(
        [
          'article_html',
          'article_text',
          'html_served',
          'html_snapshot',
          'metadata',
          // Firefox has no pageCapture: there the snapshot is the page record, and the item says so.
          ...(IS_FIREFOX ? [] : ['mhtml']),
          'screenshot',
          'screenshot_full', // fullpage-raw.png
          'screenshot_full', // fullpage.png (with the time and URL band)
        ].sort(),
      );
      if (IS_FIREFOX)
        expect((item!.alterations as string[]).join('\n')).toMatch(
          /MHTML is missing: .*pageCapture.*page\.html is this page's record/,
        );
      // Added after the save, once the popup said so (clipThroughPopup waits for it).
      expect(item!.full_page).toMatchObject({ status: 'added' });
    }
  });

  it('stores SHA-256 values equal to Node’s SHA-256 of the stored bytes', () => {
    expect(dump.artifacts.length).toBeGreaterThanOrEqual(18);
    for (const a of dump.artifacts) {
      const bytes = Buffer.from(dump.bytes[a.id] ?? '', 'base64');
      expect(bytes.length, a.role).toBe(a.size);
      expect(sha(bytes), `${a.item_id} ${a.role}`).toBe(a.sha256);
    }
  });

  it('keeps the served HTML byte for byte and the snapshot without scripts', async () => {
    const item = dump.items.find((i) => String(i.url).endsWith('ru-raid.html'))!;
    const served = item.artifacts.find((a) => a.role === 'html_served')!;
    const original = await (
      await fetch(`http://127.0.0.1:${server.port}/ru-raid.html`)
    ).arrayBuffer();
    expect(
      Buffer.from(dump.bytes[served.artifact_id]!, 'base64').equals(Buffer.from(original)),
    ).toBe(true);
    const snap = Buffer.from(
      dump.bytes[item.artifacts.find((a) => a.role === 'html_snapshot')!.artifact_id]!,
      'base64',
    ).toString('utf8');
    expect(snap).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(snap).toContain('облав');
    const png = Buffer.from(
      dump.bytes[item.artifacts.find((a) => a.role === 'screenshot')!.artifact_id]!,
      'base64',
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(800); // width of the viewport image
    expect((item.alterations as string[]).join(' ')).toMatch(/script/);
  });

  it('records a captured event whose chain verifies, and the full-page screenshot in artifact_added', () => {
    for (const item of dump.items) {
      const lines = dump.custody
        .filter((c) => c.item_id === item.id)
        .sort((a, b) => a.seq - b.seq)
        .map((c) => c.line);
      expect(checkChain(lines)).toBe(item.custody_head);
      type Ev = {
        action: string;
        data: { artifacts: Array<{ role: string; path: string; sha256: string }> };
      };
      const [first, ...later] = lines.map((l) => JSON.parse(l) as Ev);
      expect(first!.action).toBe('captured');
      expect(later.map((e) => e.action)).toEqual(['artifact_added']);
      // Line 0 lists everything saved at once; the later event the two full-page images.
      const at = (roles: (r: string) => boolean) =>
        item.artifacts
          .filter((a) => roles(a.role))
          .map((a) => a.sha256)
          .sort();
      expect(first!.data.artifacts.map((a) => a.sha256).sort()).toEqual(
        at((r) => r !== 'screenshot_full'),
      );
      expect(later[0]!.data.artifacts.map((a) => a.sha256).sort()).toEqual(
        at((r) => r === 'screenshot_full'),
      );
      for (const a of [...first!.data.artifacts, ...later[0]!.data.artifacts])
        expect(a.path).toMatch(new RegExp(`^items/${item.id}/`));
    }
  });

  it('keeps a second capture of the same URL as its own observation, marked identical', async () => {
    const { page, tabId } = await openPage(ext, server.url('en-objector.html'));
    const { popup, state } = await clipThroughPopup(ext, tabId);
    expect(state).toBe('ok');
    expect(await popup.getByTestId('observed-again').getAttribute('data-identical')).toBe('true');
    await popup.close();
    await page.close();
    const d = await dumpStore(await ext.worker());
    expect(d.items.filter((i) => String(i.url).endsWith('en-objector.html'))).toHaveLength(2);
  });

  it('lists the captures in the library, finds them by a Cyrillic word, and logs a tag', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    await expect.poll(() => lib.getByTestId('item-row').count(), { timeout: 15_000 }).toBe(4);
    // «Облава» in any case and with ё/е folded finds the Russian article only.
    await lib.getByTestId('search-input').fill('ОБЛАВ');
    await expect.poll(() => lib.getByTestId('item-row').count(), { timeout: 10_000 }).toBe(1);
    await expect(lib.getByTestId('item-title').first().innerText()).resolves.toContain('Облава');
    await lib.getByTestId('search-input').fill('затримали');
    await expect
      .poll(() => lib.getByTestId('item-title').first().innerText(), { timeout: 10_000 })
      .toContain('підвал');
    expect(await lib.getByTestId('item-row').count()).toBe(1);
    await lib.getByTestId('item-row').first().click();
    await lib.getByTestId('item-view').waitFor();
    await lib.getByTestId('tag-input').fill('forced_conscription');
    await lib.getByTestId('tag-add').click();
    await lib
      .locator('[data-testid="custody-row"][data-action="tagged"]')
      .waitFor({ timeout: 10_000 });
    const d = await dumpStore(await ext.worker());
    const uk = d.items.find((i) => String(i.url).endsWith('uk-basement.html'))!;
    expect(uk.tags).toEqual(['forced_conscription']);
    const lines = d.custody.filter((c) => c.item_id === uk.id).sort((a, b) => a.seq - b.seq);
    expect(lines.map((l) => l.action)).toEqual(['captured', 'artifact_added', 'tagged']);
    expect(checkChain(lines.map((l) => l.line))).toBe(uk.custody_head);
    await lib.close();
  });

  it('re-hashes an item in the library and shows the integrity check passing', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('item-row').first().click();
    await lib.getByTestId('integrity-check').click();
    const result = lib.getByTestId('integrity-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    await lib.close();
  });

  it('checks the whole store, and names an item whose stored bytes were altered', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    const fixity = lib.getByTestId('fixity-result');
    await lib.getByTestId('fixity-check').click();
    await lib
      .locator('[data-testid="fixity-result"][data-state="done"]')
      .waitFor({ timeout: 30_000 });
    expect(await fixity.getAttribute('data-ok')).toBe('true');
    // Flip one stored byte of the Ukrainian article's text, behind the extension's back.
    const d = await dumpStore(await ext.worker());
    const uk = d.items.find((i) => String(i.url).endsWith('uk-basement.html'))!;
    await lib.evaluate(
      (id) =>
        (
          globalThis as unknown as {
            __protokolSeed: { tamper(id: string, role: string): Promise<void> };
          }
        ).__protokolSeed.tamper(id, 'article_text'),
      uk.id,
    );
    await lib.getByTestId('fixity-check').click();
    await lib
      .locator('[data-testid="fixity-result"][data-state="done"]')
      .waitFor({ timeout: 30_000 });
    expect(await fixity.getAttribute('data-ok')).toBe('false');
    expect(await fixity.innerText()).toContain('підвал');
    const after = await dumpStore(await ext.worker());
    const last = after.custody.filter((c) => c.item_id === uk.id).sort((a, b) => b.seq - a.seq)[0]!;
    expect(last.action).toBe('integrity_checked');
    expect((JSON.parse(last.line) as { data: { ok: boolean } }).data.ok).toBe(false);
    await lib.close();
  });
});
