/**
 * SHA256SUMS in GNU `sha256sum` text format: `<64 lowercase hex>  <path>\n`, sorted by path in
 * byte order. Names holding `\` or a newline use GNU's escaped form (line starts with `\`).
 */
import { compareUtf8 } from './names';

function escapeName(path: string): { escaped: boolean; name: string } {
  if (!/[\\\n\r]/.test(path)) return { escaped: false, name: path };
  return {
    escaped: true,
    name: path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r'),
  };
}

/** Builds the SHA256SUMS text for `files` (sorted here, so callers need not). */
export function buildSha256Sums(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  return [...files]
    .sort((a, b) => compareUtf8(a.path, b.path))
    .map((f) => {
      const { escaped, name } = escapeName(f.path);
      return `${escaped ? '\\' : ''}${f.sha256}  ${name}\n`;
    })
    .join('');
}

/** One parsed line, or a problem with the line number. */
export interface SumsParse {
  entries: Map<string, string>;
  problems: Array<{ line: number; message: string; path?: string }>;
}

const LINE = /^(\\?)([0-9a-f]{64}) {2}(.+)$/;

function unescapeName(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === '\\') out += '\\';
    else if (n === 'n') out += '\n';
    else if (n === 'r') out += '\r';
    else return undefined;
  }
  return out;
}

/** Parses SHA256SUMS text strictly: every non-final line must be a well-formed sum line. */
export function parseSha256Sums(text: string): SumsParse {
  const out: SumsParse = { entries: new Map(), problems: [] };
  const lines = text.split('\n');
  // A final newline leaves one empty string at the end; sha256sum also accepts its absence.
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const m = LINE.exec(line);
    const name = m ? (m[1] ? unescapeName(m[3] ?? '') : m[3]) : undefined;
    if (!m || name === undefined) {
      out.problems.push({
        line: i + 1,
        message: `line ${i + 1} is not "<64 lowercase hex>  <path>"`,
      });
      return;
    }
    if (out.entries.has(name))
      out.problems.push({ line: i + 1, path: name, message: `${name} is listed twice` });
    else out.entries.set(name, m[2] ?? '');
  });
  return out;
}
