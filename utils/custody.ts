/**
 * The custody log's line format and chain check (`custody.jsonl` in the pack spec).
 * Pure module: the store writes lines built here, export copies them byte for byte, and the
 * verifier checks them with `verifyCustodyLines`.
 */
import { sha256HexSync, ZERO_HASH } from './hash';

/** One custody event before serialisation. */
export interface CustodyEventInput {
  seq: number;
  at: string;
  action: string;
  /** SHA-256 hex of the previous line, or ZERO_HASH for seq 0. */
  prev: string;
  data: Record<string, unknown>;
}

/** Result of checking a custody log: the head hash and length, or the first failing seq. */
export type ChainCheck =
  { ok: true; head: string; length: number } | { ok: false; seq: number; reason: string };

const UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX64 = /^[0-9a-f]{64}$/;
// Actions are snake_case words (captured, tagged, integrity_checked, ...): a fixed vocabulary
// keeps logs readable by people who do not have Protokol.
const ACTION = /^[a-z][a-z0-9_]*$/;

/** RFC 3339 UTC time with milliseconds and `Z`, as every time in the pack is written. */
export function utcNow(now: Date = new Date()): string {
  return now.toISOString();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The exact line (without `\n`) for one custody event: JSON with the keys in the order
 * seq, at, action, prev, data. The bytes of this string are what the next line's `prev`
 * hashes, so it must never be re-serialised once stored.
 * Throws on a malformed event rather than writing a line a verifier would reject.
 */
export function custodyLine(e: CustodyEventInput): string {
  if (!Number.isSafeInteger(e.seq) || e.seq < 0)
    throw new Error(`Custody seq must be a non-negative integer, got ${String(e.seq)}`);
  if (!UTC_MS.test(e.at))
    throw new Error(`Custody time must be RFC 3339 UTC with milliseconds, got "${e.at}"`);
  if (!ACTION.test(e.action))
    throw new Error(`Custody action must be a snake_case word, got "${e.action}"`);
  if (!HEX64.test(e.prev)) throw new Error('Custody prev must be 64 lowercase hex digits');
  if (e.seq === 0 && e.prev !== ZERO_HASH)
    throw new Error('Custody line 0 must have a prev of 64 zeros');
  if (!isPlainObject(e.data)) throw new Error('Custody data must be an object');
  // A literal with the keys in contract order: JSON.stringify keeps insertion order.
  return JSON.stringify({ seq: e.seq, at: e.at, action: e.action, prev: e.prev, data: e.data });
}

function fail(seq: number, reason: string): ChainCheck {
  return { ok: false, seq, reason };
}

/** Checks one line's fields; returns a reason when something is wrong. */
function checkFields(ev: Record<string, unknown>, i: number): string | undefined {
  const { seq, at, action, prev, data } = ev;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq))
    return 'its seq is missing or not an integer';
  if (seq > i) return `seq ${seq} follows seq ${i - 1}: events ${i} to ${seq - 1} are missing`;
  if (seq < i)
    return `seq ${seq} appears where seq ${i} was expected: an event is repeated or out of order`;
  if (typeof at !== 'string' || !UTC_MS.test(at))
    return 'its time "at" is missing or not RFC 3339 UTC with milliseconds';
  if (typeof action !== 'string' || action === '') return 'its action is missing';
  if (i === 0 && action !== 'captured')
    return `the first event must be "captured", but it is "${action}"`;
  if (typeof prev !== 'string' || !HEX64.test(prev))
    return 'its prev is not 64 lowercase hex digits';
  if (!isPlainObject(data)) return 'its data is not an object';
  if (i === 0 && !Array.isArray(data.artifacts))
    return 'the "captured" event does not list the artifacts';
  return undefined;
}

/**
 * Verifies a custody log given as lines without `\n`: seq counts from 0 with no gap, line 0
 * is `captured` with a prev of 64 zeros, and each later prev is the SHA-256 of the line
 * before. A line changed after the fact breaks the next line's prev; changing the last line
 * is caught by comparing `head` with the item's `custody_head`.
 */
export function verifyCustodyLines(lines: string[]): ChainCheck {
  if (lines.length === 0)
    return fail(0, 'The custody log is empty: it must start with a "captured" event.');
  let prevHash = ZERO_HASH;
  for (const [i, line] of lines.entries()) {
    const where = `Line ${i + 1} (seq ${i})`;
    if (/[\r\n]/.test(line))
      return fail(i, `${where} contains a line break, so it is not one JSON line.`);
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      return fail(i, `${where} is not valid JSON.`);
    }
    if (!isPlainObject(ev)) return fail(i, `${where} is not a JSON object.`);
    const problem = checkFields(ev, i);
    if (problem) return fail(i, `${where}: ${problem}.`);
    if (ev.prev !== prevHash) {
      return fail(
        i,
        i === 0
          ? `${where}: the first event's prev must be 64 zeros.`
          : `${where}: its prev does not equal the SHA-256 of line ${i}, so an earlier line was changed, removed or reordered.`,
      );
    }
    prevHash = sha256HexSync(line);
  }
  return { ok: true, head: prevHash, length: lines.length };
}
