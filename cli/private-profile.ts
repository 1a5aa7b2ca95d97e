/**
 * The profile folder of `--passphrase-file` runs: it holds the extension's own (encrypted)
 * store and nothing else. The browser runs on a throwaway user-data folder in RAM (/dev/shm
 * when there is one, else a private temporary folder), into which the store is copied before
 * the run; after the browser has exited, only the store is copied back, and the throwaway
 * folder — history, cache, cookies, session files, the visited sites' storage — is deleted.
 *
 * Layout of DIR:
 *   protokol-profile.json   which store generation is current, and the extension id it is for
 *   store-<generation>/     the store: `Default/IndexedDB/chrome-extension_<id>_0.indexeddb.*`
 *                           and `Default/{Local,Sync} Extension Settings/<id>` (and
 *                           `Default/Storage/ext/<id>` if present), as the browser lays them out
 *                           in its user-data folder
 *   .lock                   the process id of the run using DIR (while it runs)
 *
 * A run never changes the current generation: it writes a new one beside it (in a hidden
 * `.incoming-*` folder, each file flushed to disk, then renamed), then replaces
 * protokol-profile.json by rename, and only then deletes the old generation. An interruption at
 * any point leaves DIR with a complete store: the old one, or the new one.
 */
import { randomBytes } from 'node:crypto';
import { constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import {
  access,
  copyFile,
  mkdir,
  mkdtemp,
  open,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

export const POINTER_FILE = 'protokol-profile.json';
const FORMAT = 'protokol-cli-store';
const LOCK_FILE = '.lock';
const GENERATION = /^store-[0-9a-z]+-[0-9a-f]+$/;
const INCOMING = /^\.incoming-/;

export interface ProfilePointer {
  format: typeof FORMAT;
  version: 1;
  /** Always true: this layout is only made by `--passphrase-file` runs. */
  encrypted: true;
  /** The id of the extension whose store this is (it names the store's folders). */
  extension_id: string;
  /** The current generation's folder. */
  store: string;
  updated_at: string;
}

export type ProfileState =
  /** No folder, an empty one, or only what an interrupted first run left. */
  | { kind: 'new' }
  | { kind: 'encrypted'; pointer: ProfilePointer }
  /** A whole browser profile, as `protokol capture` without --passphrase-file makes it. */
  | { kind: 'clear' }
  /** Something else: not ours to write into. */
  | { kind: 'other'; entries: string[] };

/** The paths, inside a browser user-data folder, of an extension's own storage. */
export function extensionStorePaths(id: string): string[] {
  return [
    join('Default', 'IndexedDB', `chrome-extension_${id}_0.indexeddb.leveldb`),
    join('Default', 'IndexedDB', `chrome-extension_${id}_0.indexeddb.blob`),
    join('Default', 'Local Extension Settings', id),
    join('Default', 'Sync Extension Settings', id),
    // Not used by Chromium 156 for this extension; kept if a later version puts storage there.
    join('Default', 'Storage', 'ext', id),
  ];
}

function parsePointer(text: string): ProfilePointer | null {
  try {
    const p = JSON.parse(text) as Partial<ProfilePointer>;
    if (
      p.format === FORMAT &&
      p.version === 1 &&
      p.encrypted === true &&
      typeof p.extension_id === 'string' &&
      /^[a-p]{32}$/.test(p.extension_id) &&
      typeof p.store === 'string' &&
      GENERATION.test(p.store)
    )
      return p as ProfilePointer;
  } catch {
    // not JSON: not ours
  }
  return null;
}

/** True when `path` is `dir` or inside it (a pack written there would be a trace in DIR). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** What DIR holds, read without writing anything. */
export function inspectProfile(dir: string): ProfileState {
  if (!existsSync(dir)) return { kind: 'new' };
  if (!statSync(dir).isDirectory()) return { kind: 'other', entries: [] };
  const entries = readdirSync(dir);
  if (entries.includes(POINTER_FILE)) {
    const pointer = parsePointer(readFileSync(join(dir, POINTER_FILE), 'utf8'));
    if (pointer && existsSync(join(dir, pointer.store))) return { kind: 'encrypted', pointer };
    return { kind: 'other', entries };
  }
  if (entries.includes('Default') || entries.includes('Local State')) return { kind: 'clear' };
  const leftovers = entries.filter(
    (e) =>
      e !== LOCK_FILE && !GENERATION.test(e) && !INCOMING.test(e) && e !== `.${POINTER_FILE}.tmp`,
  );
  return leftovers.length ? { kind: 'other', entries: leftovers } : { kind: 'new' };
}

/**
 * Where the throwaway browser folder goes: `PROTOKOL_RUN_DIR` when set (for a store too big
 * for RAM: point it at an encrypted disk), else RAM when the system offers it, else the
 * system's temporary folder.
 */
export async function throwawayBase(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ base: string; inRam: boolean }> {
  const chosen = env.PROTOKOL_RUN_DIR;
  if (chosen) {
    try {
      if (!(await stat(chosen)).isDirectory()) throw new Error('not a folder');
      await access(chosen, constants.W_OK);
    } catch (e) {
      throw new ProfileError(
        `PROTOKOL_RUN_DIR=${chosen} is not a writable folder (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    return { base: chosen, inRam: false };
  }
  const shm = '/dev/shm';
  try {
    if ((await stat(shm)).isDirectory()) {
      await access(shm, constants.W_OK);
      return { base: shm, inRam: true };
    }
  } catch {
    // no /dev/shm (macOS, Windows) or not writable
  }
  return { base: tmpdir(), inRam: false };
}

async function syncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } catch {
    // some file systems cannot flush a directory; the rename order still holds
  } finally {
    await fh.close();
  }
}

/** Copies a folder tree, each file flushed to disk. Only folders and regular files. */
export async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const e of await readdir(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) await copyTree(src, dst);
    else if (e.isFile()) {
      await copyFile(src, dst);
      await syncPath(dst);
    }
  }
  await syncPath(to);
}

export class ProfileError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes DIR for this process; throws ProfileError when another live run has it. */
async function takeLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid))
        throw new ProfileError(`${dir} is in use by another protokol run (process ${pid})`);
      await rm(path, { force: true }); // left by a run that was killed
    }
  }
  throw new ProfileError(`cannot lock ${dir}`);
}

export interface StagedProfile {
  /** The throwaway browser user-data folder. */
  userDataDir: string;
  inRam: boolean;
  /** The id the store in DIR belongs to (undefined for a new profile). */
  extensionId?: string;
  /**
   * Copies the extension's store from the throwaway folder into DIR as a new generation and
   * makes it current; call after the browser has exited. Throws and leaves DIR's current store
   * as it was when the store is missing from the throwaway folder or a step fails.
   */
  commit(extensionId: string): Promise<void>;
  /** Erases DIR's store now (the duress passphrase): its pointer, then every generation. */
  forget(): Promise<void>;
  /** Deletes the throwaway folder and releases DIR. Safe to call more than once. */
  discard(): Promise<void>;
}

/**
 * Prepares a run on DIR (state 'new' or 'encrypted'): locks DIR, makes the throwaway folder
 * and copies the current store into it.
 */
export async function stageProfile(dir: string, state: ProfileState): Promise<StagedProfile> {
  if (state.kind !== 'new' && state.kind !== 'encrypted')
    throw new ProfileError(`${dir} does not hold an encrypted Protokol store`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const unlock = await takeLock(dir);
  let run: string | undefined;
  try {
    const { base, inRam } = await throwawayBase();
    run = await mkdtemp(join(base, 'protokol-run-'));
    if (state.kind === 'encrypted') await copyTree(join(dir, state.pointer.store), run);
    const userDataDir = run;
    let discarded = false;
    return {
      userDataDir,
      inRam,
      ...(state.kind === 'encrypted' ? { extensionId: state.pointer.extension_id } : {}),
      commit: (id) => commitStore(dir, userDataDir, id, state),
      forget: async () => {
        await rm(join(dir, POINTER_FILE), { force: true });
        await syncPath(dir);
        for (const e of await readdir(dir))
          if (GENERATION.test(e) || INCOMING.test(e))
            await rm(join(dir, e), { recursive: true, force: true });
      },
      discard: async () => {
        if (discarded) return;
        discarded = true;
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
        await unlock();
      },
    };
  } catch (e) {
    if (run) await rm(run, { recursive: true, force: true });
    await unlock();
    throw e;
  }
}

async function commitStore(
  dir: string,
  run: string,
  id: string,
  state: ProfileState,
): Promise<void> {
  if (state.kind === 'encrypted' && state.pointer.extension_id !== id)
    throw new ProfileError(
      `the store in ${dir} belongs to extension id ${state.pointer.extension_id}, not ${id}`,
    );
  const paths = extensionStorePaths(id);
  if (!existsSync(join(run, paths[0]!)))
    throw new ProfileError('the browser left no store to keep; the profile was not changed');
  const gen = `store-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const incoming = join(dir, `.incoming-${gen}`);
  for (const p of paths)
    if (existsSync(join(run, p))) await copyTree(join(run, p), join(incoming, p));
  await rename(incoming, join(dir, gen));
  await syncPath(dir);
  const pointer: ProfilePointer = {
    format: FORMAT,
    version: 1,
    encrypted: true,
    extension_id: id,
    store: gen,
    updated_at: new Date().toISOString(),
  };
  const tmp = join(dir, `.${POINTER_FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(pointer, null, 2)}\n`, { mode: 0o600 });
  await syncPath(tmp);
  await rename(tmp, join(dir, POINTER_FILE));
  await syncPath(dir);
  // The new store is current: older generations and what interrupted runs left can go.
  for (const e of await readdir(dir))
    if ((GENERATION.test(e) && e !== gen) || INCOMING.test(e))
      await rm(join(dir, e), { recursive: true, force: true });
}
