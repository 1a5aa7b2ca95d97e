/**
 * `protokol capture --profile DIR --passphrase-file FILE` leaves no trace of what it captured
 * in DIR (issue 8): two pages with unique phrases (one Cyrillic, at a Cyrillic path) are
 * captured through the real CLI; afterwards neither phrase nor URL is in any file under DIR —
 * not in the store (encrypted), nor in the browser's history, cache, cookies or session files
 * (which never reach DIR). The same scan over a profile captured without --passphrase-file
 * finds them (so it can fail). A second run with the same passphrase reads the evidence back
 * (fixity: every stored file re-hashed against the hash recorded at capture; export: a new pack
 * with the same files, byte for byte); a wrong passphrase exits 3 and changes nothing; Ctrl-C
 * mid-capture exits 130 and keeps what was captured; the duress passphrase erases the store.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipAll } from '../utils/pack/test-support';
import { HOST, startServer, type TestServer } from './server';
import { runCommand } from './run-command';
import { ensureExtensionBuilt } from '../cli/extension-build';
import { openStoreSession } from '../cli/store-session';

const LATIN = 'Kestrel-Notrace-5521 observers detained at the square';
const CYRILLIC = 'Полынья-Нотрейс-8834 задержали наблюдателей';
const PATH_A = '/notrace-kestrel-5521/report.html';
/** A Cyrillic path: the browser sends it percent-encoded. */
const PATH_B = `/notrace-${encodeURIComponent('полынья')}-8834/${encodeURIComponent('сводка')}.html`;
const PASS = 'e2e notrace passphrase: kestrel polynya lantern quiet';
const DURESS = 'e2e duress passphrase: heron basalt';
const BROWSER = process.env.CHROME_PATH ?? '/usr/bin/chromium';

let server: TestServer;
let tmp: string;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><article><h1>${title}</h1>${`<p>${body}. Свидетели сообщают о задержании.</p>`.repeat(12)}</article></body></html>`;

beforeAll(async () => {
  server = await startServer();
  server.extra.set(PATH_A, page(LATIN, LATIN));
  server.extra.set(PATH_B, page(CYRILLIC, CYRILLIC));
  tmp = mkdtempSync(join(tmpdir(), 'protokol-notrace-'));
  writeFileSync(join(tmp, 'pass.txt'), `${PASS}\n`);
  writeFileSync(join(tmp, 'wrong.txt'), 'not the passphrase\n');
  writeFileSync(join(tmp, 'empty.txt'), '\n');
  writeFileSync(join(tmp, 'duress.txt'), `${DURESS}\n`);
});
afterAll(async () => {
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const protokol = (...args: string[]) =>
  runCommand('npm', ['run', '--silent', 'protokol', '--', ...args]);
const hostRule = () => `--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP * 127.0.0.2`;

/**
 * The arguments after `capture`, in this order: the profile, the passphrase file (a name in
 * tmp, when given), the browser (unless `browser: false`), the host rule (`resolve`),
 * `--media none` (`noMedia`), the pack and the URLs.
 */
function captureArgs(
  profile: string,
  o: { pass?: string; browser?: false; resolve?: true; noMedia?: true; out: string },
  ...urls: string[]
): string[] {
  return [
    '--profile',
    profile,
    ...(o.pass !== undefined ? ['--passphrase-file', join(tmp, o.pass)] : []),
    ...(o.browser === false ? [] : ['--browser', BROWSER]),
    ...(o.resolve ? ['--browser-arg', hostRule()] : []),
    ...(o.noMedia ? ['--media', 'none'] : []),
    '--out',
    o.out,
    ...urls,
  ];
}
const capture = (profile: string, o: Parameters<typeof captureArgs>[1], ...urls: string[]) =>
  protokol('capture', ...captureArgs(profile, o, ...urls));
/** `protokol <command> --profile DIR --passphrase-file tmp/PASS --browser B [more]`. */
const withPass = (command: string, profile: string, pass: string, ...more: string[]) =>
  protokol(
    command,
    '--profile',
    profile,
    '--passphrase-file',
    join(tmp, pass),
    '--browser',
    BROWSER,
    ...more,
  );

/** What must not be in the profile, each in every form a file could hold it. */
function needles(): Array<{ what: string; bytes: Buffer }> {
  const out: Array<{ what: string; bytes: Buffer }> = [];
  const add = (what: string, s: string, utf16 = true) => {
    out.push({ what: `${what} (UTF-8)`, bytes: Buffer.from(s, 'utf8') });
    if (utf16) out.push({ what: `${what} (UTF-16LE)`, bytes: Buffer.from(s, 'utf16le') });
  };
  add('Latin phrase', LATIN);
  add('Latin phrase start', 'Kestrel-Notrace');
  add('Cyrillic phrase', CYRILLIC);
  add('Cyrillic phrase start', 'Полынья-Нотрейс');
  for (const form of [encodeURIComponent(CYRILLIC), encodeURIComponent('Полынья-Нотрейс')]) {
    add('Cyrillic phrase, percent-encoded', form);
    add('Cyrillic phrase, percent-encoded (lower case)', form.toLowerCase());
  }
  for (const [name, path] of [
    ['URL A', PATH_A],
    ['URL B', PATH_B],
  ] as const) {
    add(`${name} path`, path);
    add(`${name} full`, server.url(path));
    add(`${name} unique part`, path.split('/')[1]!);
  }
  add('URL B path, decoded', decodeURIComponent(PATH_B));
  return out;
}

/** Every file under `dir`, recursively, searched for every needle. */
function scan(dir: string): { files: number; bytes: number; hits: string[] } {
  const list: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) list.push(p);
    }
  };
  walk(dir);
  const hits: string[] = [];
  let bytes = 0;
  const ns = needles();
  for (const f of list) {
    const data = readFileSync(f);
    bytes += data.length;
    for (const n of ns)
      if (data.includes(n.bytes)) hits.push(`${f.slice(dir.length + 1)}: ${n.what}`);
  }
  return { files: list.length, bytes, hits };
}

/** The profile's files and their SHA-256, to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else
        out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const runDirs = () =>
  existsSync('/dev/shm')
    ? readdirSync('/dev/shm').filter((e) => e.startsWith('protokol-run-'))
    : [];

describe('protokol capture --passphrase-file', () => {
  let dir: string;
  let pack: string;

  it('captures two pages; no file under the profile holds their text or URLs', async () => {
    dir = join(tmp, 'private');
    pack = join(tmp, 'private.protokol.zip');
    const before = runDirs();
    const t0 = Date.now();
    const r = await capture(
      dir,
      { pass: 'pass.txt', resolve: true, noMedia: true, out: pack },
      server.url(PATH_A),
      server.url(PATH_B),
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('Captured 2 of 2');
    console.log(`capture with --passphrase-file: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // The throwaway browser folder is gone.
    expect(runDirs()).toEqual(before);
    // Only the store was kept: the pointer file and one generation of the extension's storage.
    const top = readdirSync(dir).sort();
    expect(top).toHaveLength(2);
    expect(top[0]).toBe('protokol-profile.json');
    expect(top[1]).toMatch(/^store-/);
    const s = scan(dir);
    expect(s.files).toBeGreaterThan(3);
    expect(s.hits).toEqual([]);
    const leveldb = readdirSync(join(dir, top[1]!, 'Default', 'IndexedDB'));
    expect(leveldb.some((e) => e.endsWith('.indexeddb.leveldb'))).toBe(true);
    // The pack itself is what a court gets: it holds both pages and verifies.
    const v = await protokol('verify', pack, '--json');
    expect(v.status, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ status: 'valid', items: 2 });
  });

  it('the same scan finds them in a profile captured without --passphrase-file (it can fail)', async () => {
    const clear = join(tmp, 'clear');
    const r = await capture(
      clear,
      { resolve: true, noMedia: true, out: join(tmp, 'clear.protokol.zip') },
      server.url(PATH_A),
      server.url(PATH_B),
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const s = scan(clear);
    const what = new Set(s.hits.map((h) => h.slice(h.indexOf(': ') + 2)));
    for (const w of [
      'Latin phrase (UTF-8)',
      'Cyrillic phrase (UTF-8)',
      'URL A path (UTF-8)',
      'URL B path (UTF-8)',
      'URL A full (UTF-8)',
    ])
      expect(what, [...what].join('\n')).toContain(w);
    // Where: the store, and the browser's own files (history, sessions, cache).
    expect(s.hits.some((h) => h.startsWith('Default/History'))).toBe(true);
    // An encrypted run refuses this folder: encrypting cannot erase what is already on disk.
    const again = await capture(
      clear,
      { pass: 'pass.txt', out: join(tmp, 'never.zip') },
      server.url(PATH_A),
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/kept in clear/);
    expect(existsSync(join(tmp, 'never.zip'))).toBe(false);
  });

  it('later runs with the same passphrase read the evidence back: every hash matches', async () => {
    // fixity: every stored file re-hashed against the SHA-256 recorded at capture.
    const f = await withPass('fixity', dir, 'pass.txt', '--json');
    expect(f.status, f.stderr).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ items: 2, ok: 2, failed: [] });
    // export: a new pack from the encrypted store holds the same files, byte for byte.
    const again = join(tmp, 'again.protokol.zip');
    const e = await withPass('export', dir, 'pass.txt', '--out', again);
    expect(e.status, e.stderr).toBe(0);
    expect(e.stdout).toContain('Exported 2 items');
    const v = await protokol('verify', again, '--json');
    expect(v.status, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ status: 'valid', items: 2 });
    const evidence = async (zip: string) => {
      const m = JSON.parse(
        new TextDecoder().decode(
          (await unzipAll(new Uint8Array(readFileSync(zip)))).get('manifest.json'),
        ),
      ) as { files: Array<{ path: string; sha256: string }> };
      // custody.jsonl grows with each run (export, fixity events); the rest is the evidence.
      return Object.fromEntries(
        m.files
          .filter((x) => x.path.startsWith('items/') && !x.path.endsWith('/custody.jsonl'))
          .map((x) => [x.path, x.sha256]),
      );
    };
    const first = await evidence(pack);
    expect(Object.keys(first).filter((p) => p.endsWith('/page.html'))).toHaveLength(2);
    expect(await evidence(again)).toEqual(first);
    // The runs wrote the store back (fixity and export record events): still no trace.
    expect(scan(dir).hits).toEqual([]);
  });

  it('a wrong passphrase exits 3 and changes nothing; other misuse exits 2', async () => {
    const before = snapshot(dir);
    const wrong = await withPass('fixity', dir, 'wrong.txt');
    expect(wrong.status, wrong.stderr).toBe(3);
    expect(wrong.stderr).toMatch(/does not unlock/);
    const wrongCapture = await capture(
      dir,
      { pass: 'wrong.txt', resolve: true, out: join(tmp, 'wrong.zip') },
      server.url(PATH_A),
    );
    expect(wrongCapture.status, wrongCapture.stderr).toBe(3);
    // Without the passphrase: refused before a browser starts (it would write its own files).
    const none = await protokol('fixity', '--profile', dir, '--browser', BROWSER);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/encrypted: give --passphrase-file/);
    const empty = await withPass('fixity', dir, 'empty.txt');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/first line is empty/);
    const missing = await capture(
      dir,
      { pass: 'missing.txt', browser: false, out: join(tmp, 'x.zip') },
      server.url(PATH_A),
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --passphrase-file/);
    expect(snapshot(dir)).toEqual(before);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(existsSync(join(tmp, 'wrong.zip'))).toBe(false);
  });

  it('Ctrl-C in the middle of a capture exits 130 and keeps what was captured before it', async () => {
    const before = runDirs();
    const out = join(tmp, 'interrupted.zip');
    // Ctrl-C reaches the whole foreground process group (tsx and the CLI), as in a terminal.
    // (Run without npm, whose own exit on SIGINT would hide the CLI's exit code.)
    const root = join(import.meta.dirname, '..');
    const child = spawn(
      join(root, 'node_modules', '.bin', 'tsx'),
      [
        'cli/protokol.ts',
        'capture',
        ...captureArgs(
          dir,
          { pass: 'pass.txt', resolve: true, noMedia: true, out },
          server.url(PATH_A),
          // Its second fetch never gets an answer: the capture is caught in the middle.
          server.url('/hang-on-refetch/notrace.html'),
        ),
      ],
      { cwd: root, detached: true },
    );
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && stderr.includes('[1/2] captured')) {
        sent = true;
        // Give the second capture a moment to start.
        setTimeout(() => process.kill(-child.pid!, 'SIGINT'), 1500);
      }
    });
    child.stdout.resume();
    const status = await new Promise<number | null>((ok) => {
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 240_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        ok(code);
      });
    });
    expect(sent, stderr).toBe(true);
    expect(status, stderr).toBe(130);
    expect(stderr).toContain('Interrupted');
    expect(existsSync(out)).toBe(false);
    // The browser had exited before its folder was deleted (a browser still closing would
    // write into it again): nothing comes back.
    await new Promise((ok) => setTimeout(ok, 2000));
    expect(runDirs()).toEqual(before);
    // The page captured before Ctrl-C was kept with the two from before; all intact.
    const f = await withPass('fixity', dir, 'pass.txt', '--json');
    expect(f.status, f.stderr).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ items: 3, ok: 3, failed: [] });
    expect(scan(dir).hits).toEqual([]);
  });

  it('the duress passphrase erases the store, and the run goes on as on a new profile', async () => {
    // A duress passphrase set in the store, as the settings page does, through the CLI's session.
    const opened = await openStoreSession({
      profile: dir,
      passphrase: PASS,
      ext: ensureExtensionBuilt(() => undefined),
      browser: BROWSER,
      browserArgs: [],
      log: () => undefined,
    });
    if ('code' in opened) throw new Error(opened.message);
    const set = await opened.session.control.evaluate(
      (data): Promise<{ res?: unknown }> =>
        chrome.runtime.sendMessage({
          id: Date.now(),
          type: 'vault.setDuress',
          data,
          timestamp: Date.now(),
        }),
      { passphrase: PASS, duress: DURESS },
    );
    expect(set.res).toEqual({ ok: true });
    await opened.session.close();
    const oldStore = readdirSync(dir).find((e) => e.startsWith('store-'))!;

    const r = await capture(
      dir,
      { pass: 'duress.txt', resolve: true, noMedia: true, out: join(tmp, 'duress.protokol.zip') },
      server.url(PATH_B),
    );
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('Captured 1 of 1');
    expect(existsSync(join(dir, oldStore))).toBe(false);
    // The store now holds that one page, under the passphrase just typed; the old one is gone.
    const f = await withPass('fixity', dir, 'duress.txt', '--json');
    expect(f.status, f.stderr).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ items: 1, ok: 1, failed: [] });
    const old = await withPass('fixity', dir, 'pass.txt');
    expect(old.status).toBe(3);
    expect(scan(dir).hits).toEqual([]);
  });
});
