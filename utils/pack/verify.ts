/**
 * Verifies an evidence pack as shared/spec/evidence-pack-v1.md "Verifying" describes, on any
 * random-access source (Node file handle, browser File), with bounded memory.
 */
import { custodyPaths, checkItems } from './verify-items';
import { checkFiles } from './verify-files';
import { checkManifestTimestamp } from './verify-timestamp';
import { checkSignature } from './verify-signature';
import {
  CheckList,
  readSmall,
  reason,
  type ResolvedVerifyOptions,
  type VerifyContext,
} from './verify-context';
import { parseManifest, type ParsedManifest } from './manifest';
import { entryNameProblem } from './names';
import { defaultSha256 } from './sha256';
import { readZipDirectory, type ZipDirectory, type ZipEntry } from './zip-read';
import type { RandomAccessSource, VerifyOptions, VerifyReport } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function resolve(opts: VerifyOptions): ResolvedVerifyOptions {
  return {
    ...opts,
    hasher: opts.hasher ?? defaultSha256,
    chunkSize: opts.chunkSize ?? 1 << 20,
    maxManifestBytes: opts.maxManifestBytes ?? 64 << 20,
    maxEntries: opts.maxEntries ?? 200_000,
  };
}

/** Step 1, and the name index used by every later step. */
function checkEntryNames(dir: ZipDirectory, checks: CheckList): Map<string, ZipEntry> {
  const byName = new Map<string, ZipEntry>();
  const seen = new Set<string>();
  for (const e of dir.entries) {
    if (!e.nameIsUtf8) checks.fail('entry-names', 'the name is not valid UTF-8', { entry: e.name });
    const problem = entryNameProblem(e.name);
    if (problem) checks.fail('entry-names', problem, { entry: e.name });
    if (e.isSymlink) checks.fail('entry-names', 'the entry is a symbolic link', { entry: e.name });
    if (seen.has(e.name))
      checks.fail('entry-names', 'two entries have this name', { entry: e.name });
    seen.add(e.name);
    if (!e.isDirectory && !byName.has(e.name)) byName.set(e.name, e);
  }
  checks.pass(
    'entry-names',
    `${dir.entries.length} entry names are relative UTF-8 paths without .., backslash, duplicates or links`,
  );
  return byName;
}

function report(
  status: VerifyReport['status'],
  checks: CheckList,
  extra: Partial<VerifyReport> = {},
): VerifyReport {
  return { status, checks: checks.list, items: 0, files: 0, ...extra };
}

/** Step 2; returns the manifest's bytes and parse, or a reason the pack is unreadable. */
async function readManifest(
  ctx: VerifyContext,
): Promise<{ bytes: Uint8Array; m: ParsedManifest } | { unreadable: string }> {
  const entry = ctx.byName.get('manifest.json');
  if (!entry) return { unreadable: 'there is no manifest.json: this is not an evidence pack' };
  let bytes: Uint8Array;
  let json: unknown;
  try {
    bytes = await readSmall(ctx, entry, ctx.opts.maxManifestBytes);
  } catch (err) {
    if (ctx.opts.signal?.aborted) throw err;
    return { unreadable: `manifest.json cannot be read: ${reason(err)}` };
  }
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    return { unreadable: 'manifest.json is not UTF-8 JSON' };
  }
  const m = parseManifest(json);
  for (const p of m.problems)
    ctx.checks.fail(
      'manifest',
      p.message,
      p.item ? { entry: 'manifest.json', item: p.item } : { entry: 'manifest.json' },
    );
  ctx.checks.pass(
    'manifest',
    'manifest.json is a protokol-pack, format_version 1',
    'manifest.json',
  );
  return { bytes, m };
}

async function run(source: RandomAccessSource, opts: ResolvedVerifyOptions): Promise<VerifyReport> {
  const checks = new CheckList();
  let dir: ZipDirectory;
  try {
    dir = await readZipDirectory(source, {
      maxEntries: opts.maxEntries,
      maxCentralDirectoryBytes: 64 << 20,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    checks.fail('zip', `not a readable ZIP archive: ${reason(err)}`);
    return report('unreadable', checks);
  }
  checks.pass('zip', `a ZIP archive with ${dir.entries.length} entries`);
  const byName = checkEntryNames(dir, checks);
  const ctx: VerifyContext = { source, dir, byName, opts, checks };
  const read = await readManifest(ctx);
  if ('unreadable' in read) {
    checks.fail('manifest', read.unreadable, { entry: 'manifest.json' });
    return report('unreadable', checks);
  }
  const { bytes, m } = read;
  await checkSignature(ctx, bytes, m);
  const logs = await checkFiles(ctx, m, custodyPaths(m));
  checkItems(checks, m, logs);
  const ts = await checkManifestTimestamp(ctx, bytes);
  const extra: Partial<VerifyReport> = { items: m.items.length, files: m.files.length };
  const keyId = m.signer?.key_id ?? m.keyIdHint;
  if (keyId !== undefined)
    extra.signer =
      m.signer?.label !== undefined ? { key_id: keyId, label: m.signer.label } : { key_id: keyId };
  if (ts) extra.manifest_timestamp = ts;
  return report(checks.failed() ? 'invalid' : 'valid', checks, extra);
}

/**
 * Verifies a pack. Never throws for anything in the pack: a damaged or hostile archive gives
 * `unreadable` or `invalid` with the failing checks, each naming its entry (and item).
 * Only an abort through `opts.signal` rejects.
 */
export async function verifyPack(
  source: RandomAccessSource,
  opts: VerifyOptions = {},
): Promise<VerifyReport> {
  const o = resolve(opts);
  try {
    return await run(source, o);
  } catch (err) {
    if (o.signal?.aborted) throw err;
    // A read error of the source itself (file gone, I/O error): no verdict is possible.
    const checks = new CheckList();
    checks.fail('zip', `verification stopped: ${reason(err)}`);
    return report('unreadable', checks);
  }
}
