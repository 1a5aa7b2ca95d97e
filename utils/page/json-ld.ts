/**
 * Reading schema.org JSON-LD the way pages really publish it: several script blocks, arrays,
 * `@graph`, types as arrays or IRIs, authors as strings, objects, arrays or `@id` references,
 * and JSON that is sometimes not quite JSON. Never throws.
 */

/** A JSON value as parsed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON-LD node (any JSON object). */
export type JsonObject = { [key: string]: Json };

/** Preferred main nodes, most specific first; WebPage is the fallback when there is no article. */
const MAIN_TYPES = [
  'NewsArticle',
  'ReportageNews',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'Article',
  'BlogPosting',
  'LiveBlogPosting',
  'Report',
  'ScholarlyArticle',
  'SocialMediaPosting',
  'WebPage',
  'ItemPage',
  'CollectionPage',
];
const MAX_NODES = 500;

/** All nodes found, the `@id` index, and the chosen main node. */
export interface JsonLdData {
  nodes: JsonObject[];
  byId: Map<string, JsonObject>;
  types: string[];
  main?: JsonObject;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON, then retries after removing HTML comment wrappers and raw control characters. */
export function parseLenient(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // Literal newlines inside strings are the most common fault; outside strings they are spaces.
    const cleaned = text
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>)\s*$/, '')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f]+/g, ' ');
    try {
      return JSON.parse(cleaned) as Json;
    } catch {
      return undefined;
    }
  }
}

/** The short type names of a node: `http://schema.org/NewsArticle` → `NewsArticle`. */
export function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string' && v) out.push(v.replace(/^.*[/:#]/, ''));
  }
  return out;
}

/** Reads every `application/ld+json` block of the document. */
export function readJsonLd(doc: Document): JsonLdData {
  const nodes: JsonObject[] = [];
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const s = scripts[i];
    if (!s || !(s.getAttribute('type') ?? '').toLowerCase().includes('ld+json')) continue;
    const parsed = parseLenient(s.textContent ?? '');
    if (parsed !== undefined) collect(parsed, nodes, 0);
  }
  const byId = new Map<string, JsonObject>();
  const types = new Set<string>();
  for (const n of nodes) {
    const id = n['@id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, n);
    for (const t of typesOf(n)) types.add(t);
  }
  return { nodes, byId, types: [...types], main: pickMain(nodes) };
}

function collect(v: Json, out: JsonObject[], depth: number): void {
  if (depth > 6 || out.length >= MAX_NODES) return;
  if (Array.isArray(v)) {
    for (const item of v) collect(item, out, depth + 1);
    return;
  }
  if (!isObject(v)) return;
  if (v['@type'] !== undefined) out.push(v);
  const graph = v['@graph'];
  if (graph !== undefined) collect(graph, out, depth + 1);
  // A WebPage often carries the article as its main entity.
  const main = v.mainEntity;
  if (isObject(main) && main['@type'] !== undefined) collect(main, out, depth + 1);
}

function pickMain(nodes: JsonObject[]): JsonObject | undefined {
  let best: JsonObject | undefined;
  let bestRank = MAIN_TYPES.length;
  for (const n of nodes) {
    for (const t of typesOf(n)) {
      const rank = MAIN_TYPES.indexOf(t);
      if (rank >= 0 && rank < bestRank) {
        best = n;
        bestRank = rank;
      }
    }
  }
  return best;
}

/** A non-empty string with whitespace collapsed, from a string or number, else undefined. */
export function text(v: Json | undefined): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** Follows an `{ "@id": ... }` reference to the full node when the page defines it. */
export function deref(v: Json | undefined, data: JsonLdData): Json | undefined {
  if (isObject(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1) {
    return data.byId.get(v['@id']) ?? v;
  }
  return v;
}

/** Names from a string, an object with `name`, an array of either, or references to them. */
export function names(v: Json | undefined, data: JsonLdData): string[] {
  const out: string[] = [];
  const list = Array.isArray(v) ? v : [v];
  for (const item of list.slice(0, 50)) {
    const node = deref(item, data);
    const name = isObject(node) ? text(node.name) : text(node);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** A URL from a string, an object with `url` or `@id`, or the first of an array of them. */
export function urlOf(v: Json | undefined, data: JsonLdData): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  const node = deref(first, data);
  if (isObject(node)) return text(node.url) ?? text(node.contentUrl) ?? text(node['@id']);
  return text(node);
}
