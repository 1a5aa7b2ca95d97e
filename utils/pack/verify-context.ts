/**
 * State shared by the verifier's steps: the archive, its entries by name, and the report's
 * list of checks.
 */
import type { CheckId, RandomAccessSource, VerifyCheck, VerifyOptions } from './types';
import type { ZipDirectory, ZipEntry } from './zip-read';
import { readEntryBytes, type StreamEntryOptions } from './zip-entry';

/** Collects checks; a passing line is added for a step only when none of its checks failed. */
export class CheckList {
  readonly list: VerifyCheck[] = [];
  private readonly failedIds = new Set<CheckId>();

  /** Records a failure naming the entry (and item) it concerns. */
  fail(id: CheckId, message: string, where: { entry?: string; item?: string } = {}): void {
    this.failedIds.add(id);
    const c: VerifyCheck = { id, ok: false, message };
    if (where.entry !== undefined) c.entry = where.entry;
    if (where.item !== undefined) c.item = where.item;
    this.list.push(c);
  }

  /** Records that step `id` passed, unless one of its checks failed. */
  pass(id: CheckId, message: string, entry?: string): void {
    if (this.failedIds.has(id)) return;
    this.list.push(
      entry === undefined ? { id, ok: true, message } : { id, ok: true, message, entry },
    );
  }

  /** Whether any check (or any check of `id`) failed. */
  failed(id?: CheckId): boolean {
    return id ? this.failedIds.has(id) : this.failedIds.size > 0;
  }
}

/** Options with defaults filled in. */
export type ResolvedVerifyOptions = Required<
  Pick<VerifyOptions, 'hasher' | 'chunkSize' | 'maxManifestBytes' | 'maxEntries'>
> &
  VerifyOptions;

/** What every step can see. */
export interface VerifyContext {
  source: RandomAccessSource;
  dir: ZipDirectory;
  /** File entries (not directories) by name; the first one when a name is duplicated. */
  byName: Map<string, ZipEntry>;
  opts: ResolvedVerifyOptions;
  checks: CheckList;
}

/** Bytes of a small entry (signature, key, sums) with a size bound. */
export function readSmall(ctx: VerifyContext, entry: ZipEntry, max: number): Promise<Uint8Array> {
  const o: StreamEntryOptions = { chunkSize: ctx.opts.chunkSize };
  if (ctx.opts.signal) o.signal = ctx.opts.signal;
  return readEntryBytes(ctx.source, entry, max, o);
}

/** Error text for a report line. */
export function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
