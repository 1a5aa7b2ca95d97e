/**
 * `protokol capture` as a researcher runs it: ten local URLs, one of them unreachable. The
 * command must write a valid pack of nine items that lists the failure, and exit 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipAll } from '../utils/pack/test-support';
import { makeBenchPages } from '../bench/make-pages.mjs';
import { HOST, startServer, type TestServer } from './server';
import { runCommand } from './run-command';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  for (const p of makeBenchPages(9)) server.extra.set(`/batch/${p.name}`, p.html);
});
afterAll(async () => {
  await server?.close();
});

describe('protokol capture', () => {
  it('captures nine of ten URLs into a valid pack, lists the failure and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protokol-cli-'));
    const pages = makeBenchPages(9).map((p) => server.url(`/batch/${p.name}`));
    const unreachable = 'http://unreachable.test:81/post/1';
    // Half the URLs come from a --urls file (as exported from a spreadsheet), half as arguments.
    writeFileSync(
      join(dir, 'links.csv'),
      `url,note\n${pages
        .slice(0, 5)
        .map((u) => `${u},seen 2026-11-20`)
        .join('\n')}\n`,
    );
    const out = join(dir, 'pack.protokol.zip');
    const r = await runCommand('npm', [
      'run',
      '--silent',
      'protokol',
      '--',
      'capture',
      '--profile',
      join(dir, 'profile'),
      '--case',
      'Рейды ноябрь',
      '--urls',
      join(dir, 'links.csv'),
      '--browser',
      process.env.CHROME_PATH ?? '/usr/bin/chromium',
      '--browser-arg',
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP * 127.0.0.2`,
      '--out',
      out,
      ...pages.slice(5),
      unreachable,
    ]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(r.stdout).toContain('Captured 9 of 10');
    expect(r.stdout).toContain(unreachable);
    const v = await runCommand('npm', [
      'run',
      '--silent',
      'protokol',
      '--',
      'verify',
      out,
      '--json',
    ]);
    expect(v.status, v.stdout).toBe(0);
    const report = JSON.parse(v.stdout) as { status: string; items: number };
    expect(report).toMatchObject({ status: 'valid', items: 9 });
    {
      const files = await unzipAll(new Uint8Array(readFileSync(out)));
      const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
        case: { title: string };
        not_captured: Array<{ url: string; reason: string }>;
        items: Array<{ id: string; url: string; artifacts: Array<{ role: string; path: string }> }>;
      };
      expect(manifest.case.title).toBe('Рейды ноябрь');
      // The CLI waits for each page's full-page screenshot before it closes the tab.
      for (const item of manifest.items) {
        const full = item.artifacts.filter((a) => a.role === 'screenshot_full').map((a) => a.path);
        expect(full.sort(), item.url).toEqual([
          `items/${item.id}/fullpage-raw.png`,
          `items/${item.id}/fullpage.png`,
        ]);
        for (const path of full) expect(files.has(path), path).toBe(true);
        const custody = new TextDecoder().decode(files.get(`items/${item.id}/custody.jsonl`));
        expect(custody).toContain('"action":"artifact_added"');
      }
      expect(manifest.items.map((i) => i.url).sort()).toEqual([...pages].sort());
      expect(manifest.not_captured.map((f) => f.url)).toEqual([unreachable]);
      expect(manifest.not_captured[0]!.reason).toMatch(/ERR_CONNECTION_REFUSED|did not load/);
      expect(new TextDecoder().decode(files.get('report.html'))).toContain('unreachable.test');
    }
    // The same profile's store, re-hashed from the command line: intact, nine items.
    const f = await runCommand('npm', [
      'run',
      '--silent',
      'protokol',
      '--',
      'fixity',
      '--profile',
      join(dir, 'profile'),
      '--browser',
      process.env.CHROME_PATH ?? '/usr/bin/chromium',
      '--json',
    ]);
    expect(f.status, f.stderr).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ items: 9, ok: 9, failed: [] });
  });

  it('exits 2 on bad usage', async () => {
    const r = await runCommand('npm', [
      'run',
      '--silent',
      'protokol',
      '--',
      'capture',
      'http://article.test/',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });
});
