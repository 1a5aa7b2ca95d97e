import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPassphraseFile } from './passphrase';
import {
  extensionStorePaths,
  inspectProfile,
  POINTER_FILE,
  stageProfile,
  throwawayBase,
  type ProfilePointer,
} from './private-profile';

const ID = 'bacocaadnediceihefnifojhdnljfiec';
const tmp = mkdtempSync(join(tmpdir(), 'protokol-private-profile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(tmp, `p${n++}`);

/** Writes a fake store (and browser clutter) into a throwaway folder, as the browser would. */
function fillRun(run: string, marker: string): void {
  for (const p of extensionStorePaths(ID).slice(0, 3)) {
    mkdirSync(join(run, p), { recursive: true });
    writeFileSync(join(run, p, '000003.log'), `${marker} ${p}`);
  }
  mkdirSync(join(run, 'Default', 'Sessions'), { recursive: true });
  writeFileSync(join(run, 'Default', 'History'), 'visited https://secret.test/page');
  writeFileSync(join(run, 'Default', 'Sessions', 'Session_1'), 'https://secret.test/page');
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), join(rel, e.name));
      else out.push(join(rel, e.name));
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('the private profile folder', () => {
  it('keeps only the extension store, as a new generation, and drops the throwaway folder', async () => {
    const dir = fresh();
    expect(inspectProfile(dir)).toEqual({ kind: 'new' });
    const staged = await stageProfile(dir, inspectProfile(dir));
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    fillRun(staged.userDataDir, 'one');
    await staged.commit(ID);
    await staged.discard();
    expect(existsSync(staged.userDataDir)).toBe(false);
    const state = inspectProfile(dir);
    expect(state.kind).toBe('encrypted');
    const pointer = (state as { pointer: ProfilePointer }).pointer;
    expect(pointer.extension_id).toBe(ID);
    const kept = files(dir);
    expect(kept).toContain(POINTER_FILE);
    expect(
      kept.filter((f) => f !== POINTER_FILE).every((f) => f.startsWith(`${pointer.store}/`)),
    ).toBe(true);
    expect(kept.join('\n')).not.toMatch(/History|Sessions|\.lock/);
    for (const f of kept) expect(readFileSync(join(dir, f), 'utf8')).not.toContain('secret.test');

    // A second run starts from the kept store and replaces it.
    const again = await stageProfile(dir, state);
    expect(again.extensionId).toBe(ID);
    expect(
      readFileSync(join(again.userDataDir, extensionStorePaths(ID)[0]!, '000003.log'), 'utf8'),
    ).toMatch(/^one /);
    fillRun(again.userDataDir, 'two');
    await again.commit(ID);
    await again.discard();
    const next = inspectProfile(dir) as { kind: string; pointer: ProfilePointer };
    expect(next.pointer.store).not.toBe(pointer.store);
    expect(existsSync(join(dir, pointer.store))).toBe(false);
    expect(
      readFileSync(
        join(dir, next.pointer.store, extensionStorePaths(ID)[0]!, '000003.log'),
        'utf8',
      ),
    ).toMatch(/^two /);
  });

  it('a run that keeps nothing, or a failed commit, leaves the current store as it was', async () => {
    const dir = fresh();
    const first = await stageProfile(dir, inspectProfile(dir));
    fillRun(first.userDataDir, 'one');
    await first.commit(ID);
    await first.discard();
    const before = files(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
    // The browser left no store (it crashed before writing): commit refuses.
    const empty = await stageProfile(dir, inspectProfile(dir));
    rmSync(join(empty.userDataDir, 'Default'), { recursive: true });
    await expect(empty.commit(ID)).rejects.toThrow(/no store/);
    await empty.discard();
    // Another extension id (the project moved): refused.
    const other = await stageProfile(dir, inspectProfile(dir));
    await expect(other.commit('a'.repeat(32))).rejects.toThrow(/belongs to extension id/);
    await other.discard();
    // A run killed half-way through copying back leaves a hidden folder, ignored and cleaned.
    mkdirSync(join(dir, '.incoming-store-x-00', 'Default'), { recursive: true });
    expect(inspectProfile(dir).kind).toBe('encrypted');
    expect(files(dir).filter((f) => !f.startsWith('.incoming'))).toEqual(before.map(([f]) => f));
    for (const [f, text] of before) expect(readFileSync(join(dir, f!), 'utf8')).toBe(text);
    const last = await stageProfile(dir, inspectProfile(dir));
    await last.commit(ID);
    await last.discard();
    expect(readdirSync(dir).some((e) => e.startsWith('.incoming'))).toBe(false);
  });

  it('tells a clear browser profile and foreign folders from its own', () => {
    const clear = fresh();
    mkdirSync(join(clear, 'Default'), { recursive: true });
    expect(inspectProfile(clear)).toEqual({ kind: 'clear' });
    const other = fresh();
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'x');
    expect(inspectProfile(other)).toEqual({ kind: 'other', entries: ['notes.txt'] });
    const damaged = fresh();
    mkdirSync(damaged);
    writeFileSync(join(damaged, POINTER_FILE), '{"format":"protokol-cli-store"}');
    expect(inspectProfile(damaged).kind).toBe('other');
  });

  it('one run at a time; a lock left by a dead process is taken over', async () => {
    const dir = fresh();
    const a = await stageProfile(dir, inspectProfile(dir));
    await expect(stageProfile(dir, inspectProfile(dir))).rejects.toThrow(/in use by another/);
    await a.discard();
    writeFileSync(join(dir, '.lock'), '999999999\n');
    const b = await stageProfile(dir, inspectProfile(dir));
    await b.discard();
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('the duress erasure removes the pointer and every generation', async () => {
    const dir = fresh();
    const a = await stageProfile(dir, inspectProfile(dir));
    fillRun(a.userDataDir, 'one');
    await a.commit(ID);
    await a.forget();
    await a.discard();
    expect(readdirSync(dir)).toEqual([]);
    expect(inspectProfile(dir)).toEqual({ kind: 'new' });
  });
});

describe('the throwaway folder', () => {
  it('goes to PROTOKOL_RUN_DIR when set, and refuses one that is not a writable folder', async () => {
    expect(await throwawayBase({ PROTOKOL_RUN_DIR: tmp })).toEqual({ base: tmp, inRam: false });
    await expect(throwawayBase({ PROTOKOL_RUN_DIR: join(tmp, 'absent') })).rejects.toThrow(
      /PROTOKOL_RUN_DIR=.* is not a writable folder/,
    );
    const def = await throwawayBase({});
    expect(def.inRam).toBe(existsSync('/dev/shm'));
  });
});

describe('--passphrase-file', () => {
  const write = (name: string, data: string | Buffer) => {
    const p = join(tmp, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
    return p;
  };
  it('reads the first line, its line ending stripped, spaces kept', () => {
    expect(readPassphraseFile(write('a', 'correct horse  battery \nsecond line\n'))).toEqual({
      passphrase: 'correct horse  battery ',
    });
    expect(readPassphraseFile(write('b', 'пароль-день\r\n'))).toEqual({
      passphrase: 'пароль-день',
    });
    expect(readPassphraseFile(write('c', '\uFEFFno-newline'))).toEqual({
      passphrase: 'no-newline',
    });
  });
  it('refuses a missing, empty, non-UTF-8 file or a folder', () => {
    expect(readPassphraseFile(join(tmp, 'missing'))).toEqual({
      error: `cannot read --passphrase-file ${join(tmp, 'missing')}: no such file`,
    });
    expect(readPassphraseFile(write('e', '\nafter'))).toMatchObject({
      error: /first line is empty/,
    });
    expect(readPassphraseFile(write('f', ''))).toMatchObject({ error: /first line is empty/ });
    expect(readPassphraseFile(write('g', Buffer.from([0xff, 0xfe, 0x41])))).toMatchObject({
      error: /not UTF-8/,
    });
    expect(readPassphraseFile(tmp)).toMatchObject({ error: /it is a directory/ });
  });
});
