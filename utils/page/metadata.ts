/**
 * Contextual data of a page (title, author, publication date, ...) from the metadata it
 * publishes, trusting the most structured source first: JSON-LD, then Open Graph and
 * `article:*`, then Dublin Core, `citation_*`, Parse.ly and Sailthru tags, then microdata and
 * `<time>` elements. Never throws: a broken page yields less metadata, not a failed capture.
 */
import { toUtcInstant } from './dates';
import { names, readJsonLd, text, urlOf, type JsonLdData, type JsonObject } from './json-ld';
import type { PageMetadata } from './schema';
import { detectLangHint, normalizeLang } from './text';

export type { PageMetadata } from './schema';

type Meta = Map<string, string[]>;

/** Reads the metadata of `doc`; on a page too broken to read, returns just its title. */
export function extractMetadata(doc: Document): PageMetadata {
  try {
    return readAll(doc);
  } catch {
    return { title: typeof doc.title === 'string' ? doc.title.trim() : '' };
  }
}

function readAll(doc: Document): PageMetadata {
  let data: JsonLdData = { nodes: [], byId: new Map(), types: [] };
  let meta: Meta = new Map();
  try {
    data = readJsonLd(doc);
  } catch {
    // Keep going with the other sources.
  }
  try {
    meta = readMeta(doc);
  } catch {
    // Same: JSON-LD and the document itself may still say enough.
  }
  const ld: JsonObject = data.main ?? {};
  const m = (...keys: string[]): string | undefined => first(meta, keys);
  const published = pickDate([
    text(ld.datePublished),
    ...all(meta, [
      'article:published_time',
      'og:published_time',
      'citation_publication_date',
      'citation_date',
      'citation_online_date',
      'dc.date.issued',
      'dcterms.issued',
      'dcterms.created',
      'dc.date',
      'parsely-pub-date',
      'sailthru.date',
      'date',
      'pubdate',
    ]),
    itempropDate(doc, 'datePublished'),
    timeElementDate(doc),
  ]);
  const modified = pickDate([
    text(ld.dateModified),
    ...all(meta, [
      'article:modified_time',
      'og:updated_time',
      'dcterms.modified',
      'dc.date.modified',
    ]),
    itempropDate(doc, 'dateModified'),
  ]);
  const ldAuthors = names(ld.author, data);
  const metaAuthors = [
    ...(meta.get('article:author') ?? []).filter((a) => !/^https?:/i.test(a)),
    ...(meta.get('citation_author') ?? []),
  ];
  const keywords = splitKeywords([
    ...(Array.isArray(ld.keywords)
      ? ld.keywords.map((k) => text(k) ?? '')
      : [text(ld.keywords) ?? '']),
    ...[
      'keywords',
      'news_keywords',
      'article:tag',
      'citation_keywords',
      'parsely-tags',
      'sailthru.tags',
    ].flatMap((k) => meta.get(k) ?? []),
  ]);
  const result: PageMetadata = {
    title:
      text(ld.headline) ??
      m(
        'og:title',
        'citation_title',
        'dc.title',
        'parsely-title',
        'sailthru.title',
        'twitter:title',
      ) ??
      (doc.title.trim() || firstText(doc, 'h1') || ''),
    site_name:
      names(ld.publisher, data)[0] ??
      m(
        'og:site_name',
        'citation_journal_title',
        'citation_publisher',
        'dc.publisher',
        'application-name',
      ),
    byline:
      joinNames(ldAuthors) ??
      joinNames([...new Set(metaAuthors)]) ??
      m('author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl'),
    published_at: published.at,
    published_at_raw: published.raw,
    modified_at: modified.at,
    modified_at_raw: modified.raw,
    lang:
      detectLangHint(doc) ??
      normalizeLang(m('og:locale')) ??
      normalizeLang(text(ld.inLanguage)) ??
      normalizeLang(m('dc.language', 'citation_language')),
    description:
      text(ld.description) ??
      m('og:description', 'description', 'dc.description', 'twitter:description'),
    canonical_url: absoluteHttp(canonicalLink(doc) ?? m('og:url') ?? urlOf(ld.url, data), doc),
    image: absoluteHttp(
      urlOf(ld.image, data) ?? m('og:image', 'og:image:url', 'twitter:image', 'parsely-image-url'),
      doc,
    ),
    keywords: keywords.length > 0 ? keywords : undefined,
    json_ld_types: data.types.length > 0 ? data.types : undefined,
  };
  return dropUndefined(result);
}

/** Every `<meta>` content by lower-cased property, name and itemprop (a tag may have several). */
function readMeta(doc: Document): Meta {
  const map: Meta = new Map();
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i];
    const content = el?.getAttribute('content')?.trim();
    if (!el || !content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const list = map.get(key);
      if (list) list.push(content);
      else map.set(key, [content]);
    }
  }
  return map;
}

function first(meta: Meta, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = meta.get(k)?.[0];
    if (v) return v;
  }
  return undefined;
}

/** Names joined by commas, or by semicolons when a name has its own comma (`Hale, Miriam`). */
function joinNames(list: string[]): string | undefined {
  if (list.length === 0) return undefined;
  return list.join(list.some((n) => n.includes(',')) ? '; ' : ', ');
}

function all(meta: Meta, keys: string[]): string[] {
  return keys.flatMap((k) => meta.get(k) ?? []);
}

/**
 * The most trusted date that names an instant, with the string it came from; when none does
 * (`2025/01/27`), no instant and the most trusted string, so the page's own words are kept.
 */
function pickDate(candidates: Array<string | undefined>): { at?: string; raw?: string } {
  const present = candidates.filter((c): c is string => !!c);
  for (const raw of present) {
    const at = toUtcInstant(raw);
    if (at) return { at, raw };
  }
  return { raw: present[0] };
}

function itempropDate(doc: Document, prop: string): string | undefined {
  const el = doc.querySelector(`[itemprop~="${prop}"]`);
  if (!el) return undefined;
  return (
    (el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent ?? '').trim() ||
    undefined
  );
}

/**
 * The `<time datetime>` of the article itself. Other `<time>` elements (related stories, a
 * clock in the header) say nothing about this page, so a lone one elsewhere is the only fallback.
 */
function timeElementDate(doc: Document): string | undefined {
  const el =
    doc.querySelector(
      'article time[datetime], [role="article"] time[datetime], time[pubdate][datetime]',
    ) ?? doc.querySelector('main time[datetime]');
  if (el) return el.getAttribute('datetime')?.trim() || undefined;
  const all = doc.querySelectorAll('time[datetime]');
  return all.length === 1 ? all[0]?.getAttribute('datetime')?.trim() || undefined : undefined;
}

function canonicalLink(doc: Document): string | undefined {
  const links = doc.getElementsByTagName('link');
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    const rel = (l?.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (l && rel.includes('canonical')) return l.getAttribute('href')?.trim() || undefined;
  }
  return undefined;
}

function absoluteHttp(url: string | undefined, doc: Document): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, doc.baseURI || doc.URL);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function firstText(doc: Document, selector: string): string {
  return doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function splitKeywords(values: string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    for (const k of v.split(/[,;]/)) {
      const t = k.trim();
      if (t && t.length <= 100) out.add(t);
      if (out.size >= 50) return [...out];
    }
  }
  return [...out];
}

function dropUndefined(m: PageMetadata): PageMetadata {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (v !== undefined) out[k] = v;
  return out as PageMetadata;
}
