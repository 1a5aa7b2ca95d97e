/**
 * Opens the browser on a profile for a command that reads or writes the store (capture,
 * fixity). Without a passphrase: the profile folder is the browser's own, as before. With
 * `--passphrase-file`: the browser runs on a throwaway folder holding a copy of the encrypted
 * store only (cli/private-profile.ts), the vault is created (new profile) or unlocked in the
 * extension's background before anything else happens, and when the command ends the store —
 * and nothing else — is copied back into the profile folder.
 */
import { readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession, type Session } from './browser-session';
import { inspectProfile, ProfileError, stageProfile, type StagedProfile } from './private-profile';
import type { CliIO } from './commands/types';

/** Exit code: the passphrase does not open the profile's store. */
export const EXIT_WRONG_PASSPHRASE = 3;
/** Exit code: stopped by Ctrl-C or a termination signal (what was captured is kept). */
export const EXIT_INTERRUPTED = 130;

export interface StoreSession extends Session {
  /** True when the store is encrypted and this run holds its key. */
  encrypted: boolean;
  /** True once Ctrl-C or a termination signal arrived (the browser is then being closed). */
  interrupted(): boolean;
}

export type OpenResult = { session: StoreSession } | { code: number; message: string };

/** What a session is opened with; `passphrase` given: the private, encrypted mode. */
export interface StoreSessionOptions {
  profile: string;
  passphrase?: string;
  ext: string;
  browser: string;
  browserArgs: string[];
  log: (s: string) => void;
}

type Answer<T> = { res?: T; err?: { message?: string } };

/** Sends a protocol message from the extension page, as the extension's own pages do. */
async function send<T>(control: Page, type: string, data?: unknown): Promise<T> {
  const a = await control.evaluate(
    ({ type, data }): Promise<Answer<T>> =>
      chrome.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() }),
    { type, data },
  );
  if (a.err || a.res === undefined) throw new Error(a.err?.message ?? `no answer to ${type}`);
  return a.res;
}

type VaultAnswer = { ok: true; result?: string } | { ok: false; code: string; detail?: string };

const CLEAR_PROFILE = (dir: string) =>
  `${dir} holds a store kept in clear (made without --passphrase-file). Encrypting it now could not ` +
  'erase the clear copies the browser already wrote to disk (docs/vault-design.md §6), so it is ' +
  'left as it is: give a new --profile DIR for encrypted captures, and keep using this one ' +
  'without --passphrase-file (or export its evidence and delete it).';

/**
 * Opens the session. `passphrase` given: the private, encrypted mode. Errors come back as an
 * exit code and a message; a wrong passphrase changes nothing in the profile.
 */
export async function openStoreSession(opts: StoreSessionOptions): Promise<OpenResult> {
  const state = inspectProfile(opts.profile);
  if (opts.passphrase === undefined) {
    if (state.kind === 'encrypted')
      return {
        code: 2,
        message: `the store in ${opts.profile} is encrypted: give --passphrase-file FILE`,
      };
    if (state.kind === 'other' && state.entries.includes('protokol-profile.json'))
      return {
        code: 2,
        message: `${opts.profile}/protokol-profile.json is damaged or its store is missing`,
      };
    const s = await openSession({ ...opts, profile: opts.profile });
    return { session: { ...s, encrypted: false, interrupted: () => false } };
  }
  if (state.kind === 'clear') return { code: 2, message: CLEAR_PROFILE(opts.profile) };
  if (state.kind === 'other')
    return {
      code: 2,
      message: `${opts.profile} is not empty and holds no encrypted Protokol store${
        state.entries.length ? ` (found ${state.entries.slice(0, 3).join(', ')})` : ''
      }: give a new or empty folder`,
    };
  let staged: StagedProfile;
  try {
    staged = await stageProfile(opts.profile, state);
  } catch (e) {
    return { code: 2, message: e instanceof Error ? e.message : String(e) };
  }
  return openPrivate(opts, staged, state.kind === 'new');
}

async function openPrivate(
  opts: StoreSessionOptions,
  staged: StagedProfile,
  isNew: boolean,
): Promise<OpenResult> {
  let session: Session | undefined;
  let keep = false;
  let interrupted = false;
  let interruptedAt = 0;
  /** The browser's closing, started by the first signal; awaited before the store is kept. */
  let closing: Promise<void> | undefined;
  const onSignal = () => {
    if (interrupted) {
      // One Ctrl-C may arrive more than once (from the terminal, and forwarded by npm and tsx).
      if (Date.now() - interruptedAt < 3000) return;
      // A second Ctrl-C: stop now. The profile keeps its last complete store; the browser is
      // killed first so that it cannot write into its folder while the folder is deleted.
      killBrowser(staged.userDataDir);
      try {
        rmSync(staged.userDataDir, { recursive: true, force: true, maxRetries: 3 });
      } finally {
        process.exit(EXIT_INTERRUPTED);
      }
    }
    interrupted = true;
    interruptedAt = Date.now();
    opts.log('\nInterrupted: closing the browser and keeping what was captured…\n');
    closing = session?.close();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.on(s, onSignal);
  const finish = async (): Promise<void> => {
    try {
      // A second close() while the first is under way returns at once, before the browser
      // has exited: wait for the first one.
      await (closing ?? session?.close());
      if (keep && session) await staged.commit(session.extensionId);
    } finally {
      await staged.discard();
      for (const s of signals) process.off(s, onSignal);
    }
  };
  const fail = async (code: number, message: string): Promise<OpenResult> => {
    keep = false;
    await finish().catch(() => undefined);
    return { code, message };
  };
  try {
    session = await openSession({ ...opts, profile: staged.userDataDir, ownSignals: true });
  } catch (e) {
    return fail(2, `the browser did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (interrupted) return fail(EXIT_INTERRUPTED, 'interrupted');
  const { control, extensionId } = session;
  if (staged.extensionId && staged.extensionId !== extensionId)
    return fail(
      2,
      `the store in ${opts.profile} belongs to the extension with id ${staged.extensionId}, but ` +
        `this build has id ${extensionId} (the id follows the extension folder's path: was the ` +
        'project moved?); nothing was changed',
    );
  try {
    const passphrase = opts.passphrase!;
    let create = isNew;
    if (!isNew) {
      const r = await send<VaultAnswer>(control, 'vault.unlock', { passphrase }).catch(
        (e: unknown) => {
          // The duress passphrase wipes the store and closes the extension's pages, this one
          // included, before the answer can arrive.
          if (control.isClosed()) return { ok: true as const, result: 'duress' };
          throw e;
        },
      );
      if (!r.ok) return fail(2, `could not unlock the store: ${r.code} ${r.detail ?? ''}`);
      if (r.result === 'duress') {
        // As in the extension: the store is erased and Protokol looks freshly installed. The
        // profile folder's copy is erased at once (not at the end: a run stopped now must not
        // leave it), and the run goes on as on a new profile.
        await staged.forget();
        create = true;
      } else if (r.result !== 'unlock')
        return fail(
          EXIT_WRONG_PASSPHRASE,
          `the passphrase does not unlock the store in ${opts.profile}; nothing was changed`,
        );
    }
    if (create) {
      const r = await send<VaultAnswer>(await controlPage(session), 'vault.create', { passphrase });
      if (!r.ok)
        return fail(2, `could not create the encrypted store: ${r.code} ${r.detail ?? ''}`);
    }
    const page = await controlPage(session);
    const status = await send<{ status: string }>(page, 'vault.status');
    if (status.status !== 'unlocked')
      return fail(2, `the store did not unlock (status ${status.status}); nothing was changed`);
    keep = true;
    // The page opened its own connection before the unlock: a fresh one takes the key.
    await page.reload();
    await page.waitForFunction(() => 'protokolAutomation' in globalThis);
    session = { ...session, control: page };
  } catch (e) {
    return fail(interrupted ? EXIT_INTERRUPTED : 2, e instanceof Error ? e.message : String(e));
  }
  const s = session;
  return {
    session: {
      ...s,
      encrypted: true,
      interrupted: () => interrupted,
      close: finish,
    },
  };
}

/**
 * Opens the session for `protokol <command>`, its progress written to `io.err`: a refusal (a
 * wrong passphrase, a profile it cannot use) is written as `protokol <command>: message` and
 * comes back as its exit code.
 */
export async function openCommandSession(
  command: string,
  opts: Omit<StoreSessionOptions, 'log' | 'passphrase'> & { passphrase: string | undefined },
  io: CliIO,
): Promise<StoreSession | number> {
  const { passphrase, ...rest } = opts;
  const opened = await openStoreSession({
    ...rest,
    log: (s) => io.err(s),
    ...(passphrase !== undefined ? { passphrase } : {}),
  });
  if ('code' in opened) {
    io.err(`protokol ${command}: ${opened.message}\n`);
    return opened.code;
  }
  return opened.session;
}

/**
 * Closes the session of `protokol <command>` (with --passphrase-file: keeps the store in the
 * profile folder) and gives the command's exit code: 130 when interrupted, 2 when the store could
 * not be kept, otherwise `code`.
 */
export async function closeCommandSession(
  command: string,
  session: StoreSession,
  code: number,
  io: CliIO,
): Promise<number> {
  try {
    await session.close();
  } catch (e) {
    io.err(
      `protokol ${command}: the store could not be kept in the profile folder, which still holds ` +
        `its previous store: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    code = 2;
  }
  return session.interrupted() ? EXIT_INTERRUPTED : code;
}

/** Kills the browser running on `userDataDir` (its SingletonLock names its process id). */
function killBrowser(userDataDir: string): void {
  try {
    const target = readlinkSync(join(userDataDir, 'SingletonLock'));
    const pid = Number(target.slice(target.lastIndexOf('-') + 1));
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // no browser running there (any more)
  }
}

/** The library page to drive: the one open, or a new one when a wipe closed it. */
async function controlPage(s: Session): Promise<Page> {
  if (!s.control.isClosed()) return s.control;
  const page = await s.ctx.newPage();
  await page.goto(`chrome-extension://${s.extensionId}/library.html`);
  await page.waitForFunction(() => 'protokolAutomation' in globalThis);
  return page;
}

export { ProfileError };
