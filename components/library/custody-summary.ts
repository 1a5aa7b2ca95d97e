/**
 * One-line summaries of custody events for the log table. The full line stays available
 * (it is what the hash covers); the summary only helps a reader scan the history. Pure.
 */

/** Fields of a custody line that the table shows in its own columns. */
const ENVELOPE = new Set(['seq', 'at', 'action', 'prev', 'item_id', 'hash', 'v']);

const MAX = 160;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** `role` of an artifact entry, or its file name; failed checks are marked. */
function artifactName(a: Record<string, unknown>): string | null {
  const name =
    typeof a.role === 'string'
      ? a.role
      : typeof a.path === 'string'
        ? (a.path.split('/').pop() ?? a.path)
        : null;
  if (name === null) return null;
  return a.ok === false ? `${name} ✗` : name;
}

function describe(value: unknown, caseTitles: ReadonlyMap<string, string>, key: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') {
    if (key === 'case_id') return caseTitles.get(value) ?? value;
    // Hashes are long and shown elsewhere in full: keep them recognisable but short.
    if (/^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 8)}…`;
    return clip(value, 60);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    // Artifact lists: name the roles (or files), which is what a reader looks for.
    const names = value
      .map((v) => (v && typeof v === 'object' ? artifactName(v as Record<string, unknown>) : null))
      .filter((r): r is string => r !== null);
    if (names.length === value.length && names.length > 0)
      return `${names.length}: ${names.join(', ')}`;
    return value.map((v) => describe(v, caseTitles, '')).join(', ') || '[]';
  }
  return clip(JSON.stringify(value), 60);
}

/**
 * Summarise a custody line's payload (`data`, or any non-envelope fields) as `key: value; …`.
 * `caseTitles` maps case ids to titles so assignments read as names.
 */
export function summariseCustodyLine(
  line: string,
  caseTitles: ReadonlyMap<string, string> = new Map(),
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return clip(line, MAX);
  }
  if (!parsed || typeof parsed !== 'object') return clip(line, MAX);
  const obj = parsed as Record<string, unknown>;
  const data =
    obj.data && typeof obj.data === 'object' && !Array.isArray(obj.data)
      ? (obj.data as Record<string, unknown>)
      : Object.fromEntries(Object.entries(obj).filter(([k]) => !ENVELOPE.has(k) && k !== 'data'));
  const parts = Object.entries(data)
    // An assignment names its case twice (id and title): the title is enough.
    .filter(([k]) => !(k === 'case_id' && typeof data.case_title === 'string'))
    // "removed: []" says nothing.
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${describe(v, caseTitles, k)}`);
  return clip(parts.join('; '), MAX);
}
