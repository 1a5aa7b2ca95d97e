/**
 * Spec step 4: every `files[]` entry exists with its size and SHA-256, and the payload,
 * `files` and SHA256SUMS are the same set with the same hashes. Entries are hashed in archive
 * order, streaming, so memory stays bounded whatever the pack's size.
 */
import type { ManifestFile, ParsedManifest } from './manifest';
import { isReserved, REQUIRED_PAYLOAD } from './names';
import { parseSha256Sums } from './sums';
import { readSmall, reason, type VerifyContext } from './verify-context';
import { streamEntry } from './zip-entry';
import type { ZipEntry } from './zip-read';

const MAX_SUMS = 64 * 1024 * 1024;
/** Largest custody log kept in memory for the chain check, and all of them together. */
const MAX_RETAINED = 64 * 1024 * 1024;
const MAX_RETAINED_TOTAL = 256 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Payload entry names: every file entry that is not one of the six reserved names. */
export function payloadNames(ctx: VerifyContext): Set<string> {
  return new Set([...ctx.byName.keys()].filter((n) => !isReserved(n)));
}

async function hashEntry(
  ctx: VerifyContext,
  e: ZipEntry,
  keep: boolean,
  progress: (n: number) => void,
): Promise<{ sha256: string; bytes?: Uint8Array }> {
  const hasher = await ctx.opts.hasher();
  const parts: Uint8Array[] = [];
  const opts = ctx.opts.signal
    ? { chunkSize: ctx.opts.chunkSize, signal: ctx.opts.signal }
    : { chunkSize: ctx.opts.chunkSize };
  for await (const chunk of streamEntry(ctx.source, e, opts)) {
    hasher.update(chunk);
    if (keep) parts.push(chunk.slice());
    progress(chunk.length);
  }
  if (!keep) return { sha256: hasher.digestHex() };
  const bytes = new Uint8Array(e.uncompressedSize);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { sha256: hasher.digestHex(), bytes };
}

/** Checks `files` against the archive; returns the bytes of the entries named in `retain`. */
async function checkListedFiles(
  ctx: VerifyContext,
  files: ManifestFile[],
  retain: Set<string>,
): Promise<Map<string, Uint8Array>> {
  const { checks } = ctx;
  const kept = new Map<string, Uint8Array>();
  const jobs: Array<{ f: ManifestFile; e: ZipEntry }> = [];
  for (const f of files) {
    const e = ctx.byName.get(f.path);
    if (isReserved(f.path))
      checks.fail(
        'files',
        `${f.path} is listed in manifest files, but it is a reserved entry, not payload`,
        { entry: f.path },
      );
    else if (!e)
      checks.fail('files', 'listed in manifest files but missing from the archive', {
        entry: f.path,
      });
    else if (e.uncompressedSize !== f.size)
      checks.fail(
        'files',
        `the file is ${e.uncompressedSize} bytes, manifest files says ${f.size}`,
        { entry: f.path },
      );
    else jobs.push({ f, e });
  }
  jobs.sort((a, b) => a.e.localHeaderOffset - b.e.localHeaderOffset);
  const total = jobs.reduce((s, j) => s + j.f.size, 0);
  let done = 0;
  let keptBytes = 0;
  for (const { f, e } of jobs) {
    // Real custody logs are a few KB; the bounds only stop a hostile pack from filling memory.
    const keep =
      retain.has(f.path) && f.size <= MAX_RETAINED && keptBytes + f.size <= MAX_RETAINED_TOTAL;
    if (keep) keptBytes += f.size;
    const before = done;
    try {
      const r = await hashEntry(ctx, e, keep, (n) => {
        done += n;
        ctx.opts.onProgress?.(done, total);
      });
      if (r.bytes) kept.set(f.path, r.bytes);
      if (r.sha256 !== f.sha256)
        checks.fail(
          'files',
          `its SHA-256 is ${r.sha256}, manifest files says ${f.sha256}: the file was changed`,
          { entry: f.path },
        );
    } catch (err) {
      if (ctx.opts.signal?.aborted) throw err;
      checks.fail('files', `the file cannot be read: ${reason(err)}`, { entry: f.path });
    }
    done = before + f.size;
    ctx.opts.onProgress?.(done, total);
  }
  return kept;
}

async function checkSums(
  ctx: VerifyContext,
  files: Map<string, string>,
  payload: Set<string>,
): Promise<void> {
  const { checks } = ctx;
  const entry = ctx.byName.get('SHA256SUMS');
  if (!entry) {
    checks.fail('sha256sums', 'SHA256SUMS is missing', { entry: 'SHA256SUMS' });
    return;
  }
  let text: string;
  try {
    text = utf8.decode(await readSmall(ctx, entry, MAX_SUMS));
  } catch (err) {
    checks.fail('sha256sums', `SHA256SUMS cannot be read as UTF-8 text: ${reason(err)}`, {
      entry: 'SHA256SUMS',
    });
    return;
  }
  const sums = parseSha256Sums(text);
  for (const p of sums.problems)
    checks.fail('sha256sums', `SHA256SUMS: ${p.message}`, { entry: p.path ?? 'SHA256SUMS' });
  for (const [path, hash] of sums.entries) {
    const listed = files.get(path);
    if (!payload.has(path))
      checks.fail('sha256sums', 'listed in SHA256SUMS but not a payload file of the archive', {
        entry: path,
      });
    if (listed === undefined)
      checks.fail('sha256sums', 'listed in SHA256SUMS but not in manifest files', { entry: path });
    else if (listed !== hash)
      checks.fail('sha256sums', `SHA256SUMS says ${hash}, manifest files says ${listed}`, {
        entry: path,
      });
  }
  for (const path of new Set([...payload, ...files.keys()])) {
    if (!sums.entries.has(path))
      checks.fail('sha256sums', 'missing from SHA256SUMS', { entry: path });
  }
  checks.pass(
    'sha256sums',
    `SHA256SUMS lists the same ${sums.entries.size} files with the same hashes as manifest files`,
    'SHA256SUMS',
  );
}

/** Runs step 4; returns the bytes of the entries named in `retain` (the custody logs). */
export async function checkFiles(
  ctx: VerifyContext,
  m: ParsedManifest,
  retain: Set<string>,
): Promise<Map<string, Uint8Array>> {
  const { checks } = ctx;
  const payload = payloadNames(ctx);
  const unique: ManifestFile[] = [];
  const byPath = new Map<string, string>();
  for (const f of m.files) {
    if (byPath.has(f.path))
      checks.fail('files', 'listed twice in manifest files', { entry: f.path });
    else {
      byPath.set(f.path, f.sha256);
      unique.push(f);
    }
  }
  for (const name of REQUIRED_PAYLOAD) {
    if (!payload.has(name))
      checks.fail('files', `${name} is required in every pack but missing`, { entry: name });
  }
  for (const name of payload) {
    if (!byPath.has(name))
      checks.fail(
        'files',
        'in the archive but not listed in manifest files (added after signing?)',
        { entry: name },
      );
  }
  const kept = await checkListedFiles(ctx, unique, retain);
  checks.pass(
    'files',
    `${unique.length} payload files present with the size and SHA-256 listed in manifest.json`,
  );
  await checkSums(ctx, byPath, payload);
  return kept;
}
