/**
 * Packs move between browsers: a pack exported from Chromium opens in Firefox's verifier page
 * and is found valid there, and a tampered copy of it is found invalid, naming the file.
 * Run with PROTOKOL_BROWSER=firefox only (it launches Chromium too, with the Chromium e2e build).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rezip, unzipAll } from '../utils/pack/test-support';
import {
  CHROME_EXT_DIR,
  clipThroughPopup,
  exportPack,
  launch,
  openExtensionPage,
  openPage,
  type Extension,
} from './browser';
import { startServer, type TestServer } from './server';
import { dumpStore } from './store-reader';

const work = mkdtempSync(join(tmpdir(), 'protokol-cross-'));
let server: TestServer;
let ff: Extension;
const chromiumPack = join(work, 'from-chromium.protokol.zip');

async function verifyInFirefox(path: string): Promise<{ status: string; entries: string[] }> {
  const page = await openExtensionPage(ff, 'verifier.html');
  await page.getByTestId('verifier-file').setInputFiles(path);
  const status = page.getByTestId('verifier-status');
  await status.waitFor({ timeout: 60_000 });
  const out = {
    status: (await status.getAttribute('data-status')) ?? '',
    entries: await page.getByTestId('verifier-entry').allInnerTexts(),
  };
  await page.close();
  return out;
}

beforeAll(async () => {
  server = await startServer();
  // The pack is made in real Chromium with its own build…
  const cr = await launch({ browser: 'chromium', extDir: CHROME_EXT_DIR, alwaysOn: true });
  try {
    const { page, tabId } = await openPage(cr, server.url('uk-basement.html'));
    expect((await clipThroughPopup(cr, tabId)).state).toBe('ok');
    await page.close();
    const id = (await dumpStore(await cr.worker())).items[0]!.id;
    const lib = await openExtensionPage(cr, 'library.html');
    await exportPack(lib, [id], chromiumPack);
  } finally {
    await cr.close();
  }
  // …and checked in Firefox.
  ff = await launch();
});
afterAll(async () => {
  await ff?.close();
  await server?.close();
});

describe('a pack made in Chromium, in Firefox’s verifier page', () => {
  it('is valid, with the MHTML only Chromium makes among its checked files', async () => {
    const r = await verifyInFirefox(chromiumPack);
    expect(r.status).toBe('valid');
    const files = await unzipAll(new Uint8Array(readFileSync(chromiumPack)));
    expect([...files.keys()].some((n) => n.endsWith('/page.mhtml'))).toBe(true);
  });

  it('is invalid once a file is edited, and the page names the file', async () => {
    const files = await unzipAll(new Uint8Array(readFileSync(chromiumPack)));
    const name = [...files.keys()].find((n) => n.endsWith('/article.txt'))!;
    const edited = new Map(
      [...files].map(([n, b]) => [n, n === name ? new Uint8Array([...b, 0x20]) : b]),
    );
    const path = join(work, 'edited.protokol.zip');
    writeFileSync(path, await rezip(edited));
    const r = await verifyInFirefox(path);
    expect(r.status).toBe('invalid');
    expect(r.entries.some((e) => e.includes('article.txt'))).toBe(true);
  });
});
