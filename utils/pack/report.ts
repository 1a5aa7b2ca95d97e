/**
 * report.html: a printable, human-readable account of the pack. No script and no remote
 * resource (a CSP forbids both even if escaping ever failed); every page-derived string is
 * escaped; captured URLs are shown as text, not links, so a reader does not visit a hostile
 * site by accident. Screenshots are referenced by relative path and show when unzipped.
 */
import { reportLabels, type ReportLabels } from './report-labels';
import type { PackItemFields, PackLocale } from './types';

/** Everything the report shows. */
export interface ReportInput {
  locale: PackLocale;
  packId: string;
  createdAt: string;
  generator: { name: string; version: string; user_agent: string };
  signer: { keyId: string; label?: string };
  case: { title: string; description: string } | null;
  /** URLs a batch capture could not capture, and why. */
  notCaptured?: Array<{ url: string; reason: string }>;
  items: Array<{
    fields: PackItemFields;
    files: Array<{ path: string; role: string; sha256: string; size: number; media_type: string }>;
    custody: string[];
  }>;
}

/** HTML-escapes text for element content and quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function row(label: string, value: unknown, code = false): string {
  const t = text(value);
  if (t === '') return '';
  return `<tr><th>${esc(label)}</th><td>${code ? `<code>${esc(t)}</code>` : esc(t)}</td></tr>`;
}

function table(rows: string): string {
  return rows ? `<table class="kv">${rows}</table>` : '';
}

function recordRows(rec: Record<string, unknown>): string {
  return Object.entries(rec)
    .map(([k, v]) => row(k, v))
    .join('');
}

function detection(L: ReportLabels, d: unknown): string {
  if (typeof d !== 'object' || d === null) return '';
  const det = d as { score?: unknown; categories?: unknown; entities?: unknown };
  const cats = Array.isArray(det.categories)
    ? (det.categories as Array<{ id?: unknown; score?: unknown }>)
    : [];
  const ents = Array.isArray(det.entities)
    ? (det.entities as Array<{ type?: unknown; text?: unknown; value?: unknown }>)
    : [];
  const catList = cats.map((c) => `${text(c.id)} (${text(c.score)})`).join(', ');
  const entRows = ents
    .map(
      (e) =>
        `<tr><td>${esc(text(e.type))}</td><td>${esc(text(e.text))}</td><td>${esc(text(e.value))}</td></tr>`,
    )
    .join('');
  return `<h4>${esc(L.detection)}</h4>${table(row(L.score, det.score) + row(L.categories, catList))}${
    entRows
      ? `<table><thead><tr><th colspan="3">${esc(L.entities)}</th></tr></thead><tbody>${entRows}</tbody></table>`
      : ''
  }`;
}

function artifacts(L: ReportLabels, files: ReportInput['items'][number]['files']): string {
  const rows = files
    .map(
      (f) =>
        `<tr><td>${esc(f.role)}</td><td><code>${esc(f.path)}</code></td><td class="num">${f.size}</td><td>${esc(f.media_type)}</td><td><code class="hash">${esc(f.sha256)}</code></td></tr>`,
    )
    .join('');
  const images = files
    .filter(
      (f) =>
        (f.role === 'screenshot' || f.role === 'screenshot_full') &&
        f.media_type.startsWith('image/'),
    )
    .map(
      (f) =>
        `<figure><img src="${esc(f.path)}" alt="${esc(f.role)}"><figcaption><code>${esc(f.path)}</code></figcaption></figure>`,
    )
    .join('');
  return `<h4>${esc(L.artifacts)}</h4><table><thead><tr><th>${esc(L.role)}</th><th>${esc(L.file)}</th><th>${esc(L.size)}</th><th>${esc(L.mediaType)}</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table>${images}`;
}

const MAX_DETAIL = 400;

function custody(L: ReportLabels, lines: string[], head: string): string {
  const rows = lines
    .map((line) => {
      let ev: { seq?: unknown; at?: unknown; action?: unknown; data?: unknown } = {};
      try {
        ev = JSON.parse(line) as typeof ev;
      } catch {
        // The writer checked the chain; an unparsable line cannot happen, but never break the report.
      }
      const data = text(ev.data);
      const shown = data.length > MAX_DETAIL ? `${data.slice(0, MAX_DETAIL)}…` : data;
      return `<tr><td class="num">${esc(text(ev.seq))}</td><td>${esc(text(ev.at))}</td><td>${esc(text(ev.action))}</td><td><code>${esc(shown)}</code></td></tr>`;
    })
    .join('');
  return `<h4>${esc(L.custody)}</h4><table><thead><tr><th>${esc(L.seq)}</th><th>${esc(L.at)}</th><th>${esc(L.action)}</th><th>${esc(L.data)}</th></tr></thead><tbody>${rows}</tbody></table>${table(row(L.head, head, true))}`;
}

function item(L: ReportLabels, it: ReportInput['items'][number], n: number): string {
  const f = it.fields;
  const meta = table(
    row('id', f.id, true) +
      row(L.kind, f.kind) +
      row(L.url, f.url, true) +
      row(L.requestedUrl, f.requested_url, true) +
      row(L.captured, f.captured_at) +
      row(L.tags, f.tags.join(', ')) +
      row(L.notes, f.notes),
  );
  const env = recordRows(f.environment);
  const src = recordRows(f.source);
  return `<section class="item"><h3>${n}. ${esc(f.title || f.url)}</h3>${meta}${env ? `<h4>${esc(L.environment)}</h4>${table(env)}` : ''}${
    src ? `<h4>${esc(L.source)}</h4>${table(src)}` : ''
  }${detection(L, f.detection)}${artifacts(L, it.files)}${custody(L, it.custody, f.custody_head)}</section>`;
}

const CSS = `body{font:11pt/1.4 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:18pt}h3{margin-top:1.5em;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#eee}code{font-family:ui-monospace,monospace;font-size:9pt;overflow-wrap:anywhere}.num{text-align:right}
table.kv th{width:14em}img{max-width:100%;border:1px solid #bbb}figure{margin:.5em 0}
.note{border-left:4px solid #999;padding-left:.5em}@media print{.item{break-before:page}body{margin:0}}`;

/** The HTML of report.html. */
export function buildReportHtml(r: ReportInput): string {
  const L = reportLabels(r.locale);
  const head = table(
    row(L.case, r.case ? r.case.title : L.noCase) +
      row('', r.case?.description) +
      row(L.pack, r.packId, true) +
      row(L.created, r.createdAt) +
      row(L.generator, `${r.generator.name} ${r.generator.version} — ${r.generator.user_agent}`) +
      row(L.signer, r.signer.keyId, true) +
      row(L.signerLabel, r.signer.label),
  );
  const items = r.items.map((it, i) => item(L, it, i + 1)).join('\n');
  const failed = r.notCaptured?.length
    ? `<h2>${esc(L.notCaptured)} (${r.notCaptured.length})</h2>${table(r.notCaptured.map((f) => row(f.url, f.reason)).join(''))}`
    : '';
  return `<!doctype html>
<html lang="${r.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file:">
<meta name="referrer" content="no-referrer">
<title>${esc(L.title)} ${esc(r.packId)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(L.title)}${r.case ? ` — ${esc(r.case.title)}` : ''}</h1>
${head}
<p class="note">${esc(L.howTo)}</p>
${failed}
<h2>${esc(L.items)} (${r.items.length})</h2>
${items}
</body>
</html>
`;
}
