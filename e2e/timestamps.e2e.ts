/**
 * Trusted timestamps (RFC 3161) end to end, against a local authority made with `openssl ts`
 * (no public service is called): turned on in the settings, a token over custody line 0 at
 * capture, a retry after a failed request, and a token over manifest.json at export, all
 * accepted by `openssl ts -verify`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAuthority, type TestAuthority } from '../utils/tsa/test-authority';
import { clipThroughPopup, launch, openExtensionPage, openPage, type Extension } from './browser';
import { HOST, startServer, type TestServer } from './server';
import { dumpStore } from './store-reader';
import { setTimestamps } from './settings-page';

const ROOT = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'protokol-tsa-e2e-'));
let ext: Extension;
let server: TestServer;
let tsa: TestAuthority;
let tsaUrl = '';

const setTsa = (urls: string[]) => setTimestamps(ext, urls, tsa.caPem);

beforeAll(async () => {
  server = await startServer();
  tsa = await startTestAuthority();
  tsaUrl = `http://${HOST}:${new URL(tsa.url).port}/tsr`;
  ext = await launch();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  await tsa?.close();
});

describe('trusted timestamps', () => {
  it('are off by default: a capture makes no timestamp request', async () => {
    const { page, tabId } = await openPage(ext, server.url('en-objector.html'));
    expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
    await page.close();
    const d = await dumpStore(await ext.worker());
    expect(d.items[0]!.timestamp).toBeUndefined();
    expect(d.items[0]!.artifacts.some((a) => a.role === 'capture_timestamp')).toBe(false);
  });

  it('stamp custody line 0 at capture, and openssl ts -verify accepts the token', async () => {
    await setTsa([tsaUrl]);
    const { page, tabId } = await openPage(ext, server.url('ru-raid.html'));
    expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
    await page.close();
    await expect
      .poll(
        async () =>
          (await dumpStore(await ext.worker())).items.find((i) =>
            String(i.url).endsWith('ru-raid.html'),
          )?.timestamp?.status,
        { timeout: 20_000 },
      )
      .toBe('granted');
    const d = await dumpStore(await ext.worker(), { withBytes: true });
    const item = d.items.find((i) => String(i.url).endsWith('ru-raid.html'))!;
    const tsr = item.artifacts.find((a) => a.role === 'capture_timestamp')!;
    const lines = d.custody.filter((c) => c.item_id === item.id).sort((a, b) => a.seq - b.seq);
    // The token and the full-page screenshot are both added after the save, in either order.
    expect(lines[0]!.action).toBe('captured');
    expect(
      lines
        .slice(1)
        .map((l) => l.action)
        .sort(),
    ).toEqual(['artifact_added', 'timestamped']);
    writeFileSync(join(work, 'line0'), lines[0]!.line);
    writeFileSync(join(work, 'capture.tsr'), Buffer.from(d.bytes[tsr.artifact_id]!, 'base64'));
    writeFileSync(join(work, 'ca.pem'), tsa.caPem);
    const out = execFileSync(
      'openssl',
      ['ts', '-verify', '-data', 'line0', '-in', 'capture.tsr', '-CAfile', 'ca.pem'],
      { cwd: work, encoding: 'utf8' },
    );
    expect(out).toMatch(/Verification: OK/);
  });

  it('retry a failed request later; the item says "not yet timestamped" meanwhile', async () => {
    await setTsa([`http://${HOST}:81/tsr`]); // nothing listens there
    const { page, tabId } = await openPage(ext, server.url('uk-basement.html'));
    expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
    await page.close();
    const pending = async () =>
      (await dumpStore(await ext.worker())).items.find((i) =>
        String(i.url).endsWith('uk-basement.html'),
      )?.timestamp;
    await expect
      .poll(async () => (await pending())?.attempts ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect((await pending())?.status).toBe('pending');
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('search-input').fill('підвал');
    await expect.poll(() => lib.getByTestId('item-row').count()).toBe(1);
    await lib.getByTestId('item-row').first().click();
    const status = lib.getByTestId('timestamp-status');
    expect(await status.getAttribute('data-status')).toBe('pending');
    // The authority is back: "Ask again now" gets the token.
    await setTsa([tsaUrl]);
    await status.getByRole('button').click();
    await lib
      .locator('[data-testid="timestamp-status"][data-status="granted"]')
      .waitFor({ timeout: 20_000 });
    await lib.close();
  });

  it('stamp manifest.json at export; openssl and protokol verify accept it', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('search-input').fill('облав');
    await expect.poll(() => lib.getByTestId('item-row').count()).toBe(1);
    await lib.getByTestId('item-row').first().click();
    const downloadP = lib.waitForEvent('download');
    await lib.locator('.item-actions [data-testid="export-pack"]').click();
    const path = join(work, 'pack.protokol.zip');
    await (await downloadP).saveAs(path);
    await lib.close();
    const dir = join(work, 'pack');
    execFileSync('unzip', ['-q', path, '-d', dir]);
    const out = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-data',
        'manifest.json',
        '-in',
        'manifest.tsr',
        '-CAfile',
        'tsa-chain.pem',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out).toMatch(/Verification: OK/);
    // The capture-time token travels in the pack too.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      items: Array<{ id: string; artifacts: Array<{ role: string; path: string }> }>;
    };
    expect(
      manifest.items[0]!.artifacts.some(
        (a) => a.role === 'capture_timestamp' && a.path.endsWith('/capture.tsr'),
      ),
    ).toBe(true);
    const v = spawnSync('npx', ['tsx', 'cli/protokol.ts', 'verify', path, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(v.status, v.stdout).toBe(0);
    const report = JSON.parse(v.stdout) as {
      status: string;
      manifest_timestamp?: { time: string };
    };
    expect(report.status).toBe('valid');
    expect(report.manifest_timestamp?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
