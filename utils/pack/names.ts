/**
 * Entry names and the reserved entries of a pack (spec: "The file").
 */

/** The six entries that are not payload. */
export const RESERVED_ENTRIES = [
  'manifest.json',
  'manifest.sig',
  'signer.pem',
  'manifest.tsr',
  'tsa-chain.pem',
  'SHA256SUMS',
] as const;

const RESERVED = new Set<string>(RESERVED_ENTRIES);

/** Whether an entry name is one of the six non-payload entries. */
export function isReserved(name: string): boolean {
  return RESERVED.has(name);
}

/** Payload files every pack must carry besides the items' files. */
export const REQUIRED_PAYLOAD = ['VERIFY.txt', 'report.html'] as const;

/** Longest entry name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 255;

const encoder = new TextEncoder();

/**
 * Why `name` breaks the spec's entry-name rules, or undefined when it obeys them.
 * A NUL is refused too: `unzip` cuts the name there, so it would extract another file than
 * the one verified.
 */
export function entryNameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  const bytes = encoder.encode(name).length;
  if (bytes > MAX_NAME_BYTES) return `the name is ${bytes} bytes long (at most ${MAX_NAME_BYTES})`;
  if (name.startsWith('/')) return 'the name is absolute (starts with /)';
  if (name.includes('\\')) return 'the name contains a backslash';
  if (name.includes('\0')) return 'the name contains a NUL character';
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  if (segments.includes('..')) return 'the name contains a .. segment';
  return undefined;
}

/** Compares two strings by their UTF-8 bytes, the order `sort` and SHA256SUMS use in C locale. */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The custody log's path for an item. */
export function custodyPath(itemId: string): string {
  return `items/${itemId}/custody.jsonl`;
}
