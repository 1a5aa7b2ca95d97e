/**
 * Signed evidence packs end to end in real Chromium: capture local pages, put them in a case,
 * export the case from the library, then check the pack the way a court expert does (the
 * commands of VERIFY.txt: unzip, openssl, sha256sum), with `protokol verify`, and with the
 * extension's verifier page; then tamper with it in seven ways and see each copy rejected.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rezip, unzipAll } from '../utils/pack/test-support';
import { rawZip } from '../utils/pack/test-zip';
import {
  clipThroughPopup,
  launch,
  nextDownload,
  openExtensionPage,
  openPage,
  type Extension,
} from './browser';
import { startServer, type TestServer } from './server';

const ROOT = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'protokol-packs-'));
let ext: Extension;
let server: TestServer;
let packPath = '';

/** `protokol verify --json`, as a user runs it. */
function cliVerify(path: string): {
  code: number;
  report: { status: string; checks: Array<{ ok: boolean; id: string; entry?: string }> };
} {
  const r = spawnSync('npx', ['tsx', 'cli/protokol.ts', 'verify', path, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, report: JSON.parse(r.stdout) as never };
}

async function verifierPage(path: string): Promise<{ status: string; entries: string[] }> {
  const page = await openExtensionPage(ext, 'verifier.html');
  await page.getByTestId('verifier-file').setInputFiles(path);
  const status = page.getByTestId('verifier-status');
  await status.waitFor({ timeout: 60_000 });
  const entries = await page.getByTestId('verifier-entry').allInnerTexts();
  const s = (await status.getAttribute('data-status')) ?? '';
  await page.close();
  return { status: s, entries };
}

beforeAll(async () => {
  server = await startServer();
  ext = await launch();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('exporting a case', () => {
  it('exports a case of three captures from the library as a signed pack', async () => {
    for (const file of ['ru-raid.html', 'uk-basement.html', 'en-objector.html']) {
      const { page, tabId } = await openPage(ext, server.url(file));
      expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
      await page.close();
    }
    const lib = await openExtensionPage(ext, 'library.html');
    await expect.poll(() => lib.getByTestId('item-row').count(), { timeout: 15_000 }).toBe(3);
    // The first item opens, a case is made for it, and the other two are assigned to it.
    const rows = lib.getByTestId('item-row');
    await rows.nth(0).click();
    await lib.getByTestId('case-new-title').fill('Облавы и задержания, ноябрь 2026');
    await lib.getByTestId('case-create').click();
    await lib.locator('[data-testid="custody-row"][data-action="case_assigned"]').waitFor();
    for (const i of [1, 2]) {
      // Wait for THIS item's view: the previous one (already assigned) is still on screen.
      const id = (await rows.nth(i).getAttribute('data-item-id'))!;
      await rows.nth(i).click();
      const view = lib.locator(`[data-testid="item-view"][data-item-id="${id}"]`);
      await view.waitFor();
      await view
        .getByTestId('case-select')
        .selectOption({ label: 'Облавы и задержания, ноябрь 2026' });
      await view.locator('[data-testid="custody-row"][data-action="case_assigned"]').waitFor();
    }
    await lib
      .getByTestId('filter-case')
      .selectOption({ label: 'Облавы и задержания, ноябрь 2026' });
    await expect.poll(() => lib.getByTestId('item-count').getAttribute('data-count')).toBe('3');
    const download = await nextDownload(lib, () =>
      lib.locator('.lib-tools [data-testid="export-pack"]').click(),
    );
    expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+-\d{8}T\d{6}Z\.protokol\.zip$/);
    packPath = join(work, download.suggestedFilename());
    await download.saveAs(packPath);
    await lib.locator('[data-testid="export-status"][data-state="done"]').first().waitFor();
    // Every item's custody log now ends with the export.
    await rows.nth(0).click();
    await lib.locator('[data-testid="custody-row"][data-action="exported"]').waitFor();
    await lib.close();
  });

  it('exports a selection: the items a search shows', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('search-input').fill('objector');
    await expect.poll(() => lib.getByTestId('item-count').getAttribute('data-count')).toBe('1');
    const download = await nextDownload(lib, () =>
      lib.locator('.lib-tools [data-testid="export-pack"]').click(),
    );
    const path = join(work, 'selection.protokol.zip');
    await download.saveAs(path);
    await lib.close();
    const cli = cliVerify(path);
    expect(cli.code).toBe(0);
    const files = await unzipAll(new Uint8Array(readFileSync(path)));
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      items: Array<{ url: string }>;
    };
    expect(manifest.items.map((i) => i.url)).toEqual([server.url('en-objector.html')]);
  });

  it('passes the by-hand checks of VERIFY.txt (unzip, openssl, sha256sum)', () => {
    const dir = join(work, 'unzipped');
    execFileSync('unzip', ['-q', packPath, '-d', dir]);
    const verifyTxt = readFileSync(join(dir, 'VERIFY.txt'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      signer: { key_id: string };
      case: { title: string };
      items: Array<{ id: string; custody_head: string }>;
    };
    expect(manifest.case.title).toBe('Облавы и задержания, ноябрь 2026');
    expect(manifest.items).toHaveLength(3);
    // Run the commands exactly as VERIFY.txt prints them (after its unzip/cd line).
    const cmds = [
      ...new Set(verifyTxt.split('\n').filter((l) => /^(openssl|sha256sum) /.test(l.trim()))),
    ];
    expect(cmds.some((c) => c.startsWith('openssl pkeyutl -verify'))).toBe(true);
    expect(cmds.some((c) => c.startsWith('sha256sum -c SHA256SUMS'))).toBe(true);
    for (const c of cmds) {
      const out = execFileSync('sh', ['-c', c.replace(/\s+#.*$/, '')], {
        cwd: dir,
        encoding: 'utf8',
      });
      if (c.startsWith('openssl pkeyutl')) expect(out).toMatch(/Signature Verified Successfully/);
      if (c.startsWith('openssl pkey -pubin'))
        expect(out.split(' ')[0]).toBe(manifest.signer.key_id);
      if (c.startsWith('sha256sum -c')) expect(out).not.toMatch(/FAILED/);
    }
    // The custody chain by hand: the last line of each log hashes to the item's custody_head.
    for (const item of manifest.items) {
      const last = execFileSync(
        'sh',
        ['-c', `tail -n 1 items/${item.id}/custody.jsonl | tr -d '\\n' | sha256sum`],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(last.split(' ')[0]).toBe(item.custody_head);
    }
  });

  it('is valid for protokol verify and for the verifier page', async () => {
    const cli = cliVerify(packPath);
    expect(cli.code).toBe(0);
    expect(cli.report.status).toBe('valid');
    expect((await verifierPage(packPath)).status).toBe('valid');
  });
});

describe('tampered copies are rejected by protokol verify and by the verifier page', () => {
  const enc = new TextEncoder();
  const cases: Array<
    [string, (e: Map<string, Uint8Array>) => Promise<Uint8Array> | Uint8Array, RegExp]
  > = [
    [
      'an artifact edited',
      (e) =>
        edit(
          e,
          (n) => n.endsWith('/article.txt'),
          (b) => concat(b, enc.encode(' ')),
        ),
      /article\.txt/,
    ],
    ['a file dropped', (e) => drop(e, (n) => n.endsWith('/screenshot.png')), /screenshot\.png/],
    [
      'a file added',
      (e) => rezip(new Map([...e, ['items/extra.txt', enc.encode('planted')]])),
      /items\/extra\.txt/,
    ],
    [
      'manifest.json edited',
      (e) =>
        edit(
          e,
          (n) => n === 'manifest.json',
          (b) => enc.encode(new TextDecoder().decode(b).replace('ноябрь', 'декабрь')),
        ),
      /manifest\.json|manifest\.sig/,
    ],
    ['a custody line rewritten', (e) => rewriteCustody(e), /custody\.jsonl/],
    ['signer.pem replaced', (e) => replaceSigner(e), /signer\.pem|manifest\.sig/],
    [
      'an entry named ../x',
      async (e) =>
        rawZip([
          ...[...e].map(([name, data]) => ({ name, data })),
          { name: '../x', data: enc.encode('x') },
        ]),
      /\.\.\/x/,
    ],
  ];
  for (const [name, tamper, entry] of cases) {
    it(name, async () => {
      const entries = await unzipAll(new Uint8Array(readFileSync(packPath)));
      const path = join(work, `${name.replace(/\W+/g, '-')}.protokol.zip`);
      writeFileSync(path, await tamper(entries));
      const cli = cliVerify(path);
      expect(cli.code).toBe(1);
      expect(cli.report.status).toBe('invalid');
      const failed = cli.report.checks.filter((c) => !c.ok);
      expect(
        failed.some((c) => entry.test(c.entry ?? '')),
        JSON.stringify(failed),
      ).toBe(true);
      const page = await verifierPage(path);
      expect(page.status).toBe('invalid');
      expect(page.entries.some((e) => entry.test(e))).toBe(true);
    });
  }
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
async function edit(
  e: Map<string, Uint8Array>,
  pick: (n: string) => boolean,
  f: (b: Uint8Array) => Uint8Array,
) {
  const name = [...e.keys()].find(pick)!;
  return rezip(new Map([...e].map(([n, b]) => [n, n === name ? f(b) : b])));
}
async function drop(e: Map<string, Uint8Array>, pick: (n: string) => boolean) {
  const name = [...e.keys()].find(pick)!;
  return rezip(new Map([...e].filter(([n]) => n !== name)));
}
/** Rewrites the text of line 0 of a custody log and fixes its hash everywhere but in the chain. */
async function rewriteCustody(e: Map<string, Uint8Array>) {
  const { createHash } = await import('node:crypto');
  const name = [...e.keys()].find((n) => n.endsWith('/custody.jsonl'))!;
  const text = new TextDecoder().decode(e.get(name));
  const forged = new TextEncoder().encode(
    text.replace('"captured"', '"captured" ').replace('"at":"20', '"at":"19'),
  );
  const sum = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const oldSum = sum(e.get(name)!);
  const fix = (b: Uint8Array) =>
    new TextEncoder().encode(new TextDecoder().decode(b).replaceAll(oldSum, sum(forged)));
  return rezip(
    new Map([...e].map(([n, b]) => [n, n === name ? forged : n === 'SHA256SUMS' ? fix(b) : b])),
  );
}
async function replaceSigner(e: Map<string, Uint8Array>) {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const der = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey));
  const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
  return rezip(
    new Map([...e].map(([n, b]) => [n, n === 'signer.pem' ? new TextEncoder().encode(pem) : b])),
  );
}
