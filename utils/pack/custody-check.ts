/**
 * Spec step 5 for one item's custody.jsonl, working on the exact bytes found in the pack.
 * The chain rules themselves live in utils/custody.ts, shared with the store.
 */
import { verifyCustodyLines } from '../custody';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Splits custody.jsonl into lines without `\n`; returns a problem when it is not a JSONL file. */
export function splitCustodyLog(bytes: Uint8Array): { lines: string[] } | { problem: string } {
  let text: string;
  try {
    // Decoding with fatal and ignoreBOM keeps the bytes round-trippable: the chain hashes the
    // UTF-8 of each line, which is then exactly the bytes in the file.
    text = utf8.decode(bytes);
  } catch {
    return { problem: 'the custody log is not valid UTF-8' };
  }
  if (text === '') return { problem: 'the custody log is empty' };
  if (!text.endsWith('\n'))
    return { problem: 'the last line of the custody log is not ended by \\n' };
  return { lines: text.slice(0, -1).split('\n') };
}

/** Every sha256 listed in some event's `data.artifacts`. */
export function hashesInEvents(lines: string[]): Set<string> {
  const found = new Set<string>();
  for (const line of lines) {
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      continue;
    }
    const list = (ev as { data?: { artifacts?: unknown } } | null)?.data?.artifacts;
    if (!Array.isArray(list)) continue;
    for (const a of list as unknown[]) {
      const h = (a as { sha256?: unknown } | null)?.sha256;
      if (typeof h === 'string') found.add(h);
    }
  }
  return found;
}

/** Checks one item's log against its manifest entry; returns the problems found (empty: ok). */
export function checkCustodyLog(
  bytes: Uint8Array,
  custodyHead: string,
  artifacts: ReadonlyArray<{ path: string; sha256: string }>,
): Array<{ message: string; path?: string }> {
  const split = splitCustodyLog(bytes);
  if ('problem' in split) return [{ message: split.problem }];
  const chain = verifyCustodyLines(split.lines);
  if (!chain.ok) return [{ message: `the chain is broken: ${chain.reason}` }];
  const problems: Array<{ message: string; path?: string }> = [];
  if (chain.head !== custodyHead) {
    problems.push({
      message: `the last line hashes to ${chain.head}, but the manifest's custody_head is ${custodyHead}: the log was cut short, extended or rewritten`,
    });
  }
  const known = hashesInEvents(split.lines);
  for (const a of artifacts) {
    if (!known.has(a.sha256))
      problems.push({
        path: a.path,
        message: `the artifact's hash ${a.sha256} appears in no custody event`,
      });
  }
  return problems;
}
