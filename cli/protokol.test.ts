import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';
import { rawZip } from '../utils/pack/test-zip';

const FIXTURES = fileURLToPath(new URL('../../shared/spec/fixtures', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'protokol-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe('protokol verify', () => {
  it('exit 0 and every check ticked for the valid fixture', async () => {
    const r = await cli('verify', join(FIXTURES, 'valid.protokol.zip'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ signature/);
    expect(r.out).not.toContain('✗');
    expect(r.out).toContain(
      'Signer key id: 951b3c88cda0a71eaa82bb140dd8849feb42ce50bdb84bfef3810f11aa69fa10',
    );
    expect(r.out).toMatch(/Result: VALID\n$/);
  });

  it('exit 1 for each tampered fixture, naming the culprit', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        'tampered-page-edited',
        /✗ files\s+items\/3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10\/page\.html: its SHA-256/,
      ],
      ['tampered-manifest-edited', /✗ signature\s+manifest\.json: manifest\.sig does not verify/],
      ['tampered-extra-file', /✗ files\s+items\/extra\.txt: in the archive but not listed/],
    ];
    for (const [name, line] of cases) {
      const r = await cli('verify', join(FIXTURES, `${name}.protokol.zip`));
      expect(r.code, name).toBe(1);
      expect(r.out, name).toMatch(line);
      expect(r.out, name).toMatch(/Result: INVALID/);
    }
  });

  it('--json prints the VerifyReport', async () => {
    const r = await cli('verify', '--json', join(FIXTURES, 'tampered-extra-file.protokol.zip'));
    const report = JSON.parse(r.out) as {
      status: string;
      checks: Array<{ id: string; ok: boolean; entry?: string }>;
      items: number;
      files: number;
    };
    expect(Object.keys(report).sort()).toEqual(['checks', 'files', 'items', 'signer', 'status']);
    expect(report.status).toBe('invalid');
    expect(report.checks.filter((c) => !c.ok).map((c) => c.entry)).toEqual([
      'items/extra.txt',
      'items/extra.txt',
    ]);
  });

  it('exit 2 for a missing file, a non-ZIP and a ZIP without manifest; control characters never reach the terminal', async () => {
    expect((await cli('verify', join(tmp, 'nope.zip'))).code).toBe(2);
    const missingJson = await cli('verify', '--json', join(tmp, 'nope.zip'));
    expect(JSON.parse(missingJson.out)).toMatchObject({ status: 'unreadable', items: 0, files: 0 });
    writeFileSync(join(tmp, 'text.zip'), 'hello');
    expect((await cli('verify', join(tmp, 'text.zip'))).code).toBe(2);
    writeFileSync(
      join(tmp, 'other.zip'),
      await rawZip([{ name: 'evil\u001b[2J.txt', data: new Uint8Array([1]) }]),
    );
    const r = await cli('verify', join(tmp, 'other.zip'));
    expect(r.code).toBe(2);
    expect(r.out).not.toContain('\u001b');
  });

  it('usage errors, --help and unknown commands', async () => {
    expect((await cli('verify')).code).toBe(2);
    expect((await cli('verify', 'a', 'b')).code).toBe(2);
    expect((await cli('verify', '--bogus', 'a')).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/commands:\n\s+verify/);
    expect(help.out).toMatch(/export\s+export a profile's store/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });

  it('--passphrase-file and export: bad usage exits 2 before any browser starts', async () => {
    const missing = join(tmp, 'no-pass.txt');
    const c = await cli(
      'capture',
      '--passphrase-file',
      missing,
      '--out',
      'x.zip',
      'https://a.test/',
    );
    expect(c.code).toBe(2);
    expect(c.err).toContain(`cannot read --passphrase-file ${missing}: no such file`);
    writeFileSync(join(tmp, 'blank.txt'), '\n');
    const f = await cli('fixity', '--profile', tmp, '--passphrase-file', join(tmp, 'blank.txt'));
    expect(f.code).toBe(2);
    expect(f.err).toContain('its first line is empty');
    expect((await cli('fixity', '--passphrase-file')).err).toContain(
      '--passphrase-file needs a value',
    );
    writeFileSync(join(tmp, 'pass.txt'), 'a passphrase\n');
    mkdirSync(join(tmp, 'prof'), { recursive: true });
    for (const cmd of ['capture', 'export']) {
      const inside = await cli(
        cmd,
        '--profile',
        join(tmp, 'prof'),
        '--passphrase-file',
        join(tmp, 'pass.txt'),
        '--out',
        join(tmp, 'prof', 'sub', 'p.zip'),
        ...(cmd === 'capture' ? ['https://a.test/'] : []),
      );
      expect(inside.code, cmd).toBe(2);
      expect(inside.err, cmd).toContain('--out must be outside the profile folder');
    }
    const e = await cli('export', '--profile', tmp);
    expect(e.code).toBe(2);
    expect(e.err).toContain('give --out PACK');
    expect((await cli('export', '--bogus', '--out', 'x.zip')).err).toContain(
      'unknown argument --bogus',
    );
    expect(
      (await cli('export', '--profile', join(tmp, 'nowhere'), '--out', 'x.zip')).err,
    ).toContain('no profile at');
  });

  it('runs as `npm run --silent protokol -- verify` with the exit codes of the contract', () => {
    const run = (...args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'protokol', '--', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const ok = run('verify', join(FIXTURES, 'valid.protokol.zip'));
    expect(ok.stdout).toContain('Result: VALID');
    expect(ok.status).toBe(0);
    expect(run('verify', join(FIXTURES, 'tampered-page-edited.protokol.zip')).status).toBe(1);
    expect(run('verify', join(tmp, 'missing.zip')).status).toBe(2);
    expect(run('frobnicate').status).toBe(2);
  }, 60_000);
});
