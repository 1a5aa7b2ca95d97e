/**
 * The article of a page, as Mozilla Readability finds it. Readability rewrites the document it
 * is given, so it works on a clone; the live page is only read (by isProbablyReaderable).
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { Article, PageCapture } from './schema';
import { blockText } from './text';

export type { Article } from './schema';

/** Below this many characters of article text a page is saved as a `page`, not an `article`. */
export const MIN_ARTICLE_CHARS = 500;
// Readability walks every element several times; past this it would stall the tab for seconds.
const DEFAULT_MAX_ELEMS = 300_000;

/**
 * Extracts the main article of `doc`, or null when the page does not look like one (unless
 * `opts.force`) or Readability finds nothing. `text` separates paragraphs with `\n\n`.
 * Pages with more than `opts.maxElems` elements (default 300 000; 0 for no limit) give null.
 */
export function extractArticle(
  doc: Document,
  opts: { force?: boolean; maxElems?: number } = {},
): Article | null {
  try {
    if (!opts.force && !isProbablyReaderable(doc)) return null;
    const clone = doc.cloneNode(true) as Document;
    // Keep the element rather than Readability's innerHTML string: the text is built from it.
    const reader = new Readability<Node>(clone, {
      serializer: (node) => node,
      maxElemsToParse: opts.maxElems ?? DEFAULT_MAX_ELEMS,
    });
    const parsed = reader.parse();
    const content = parsed?.content;
    if (!parsed || !content || content.nodeType !== 1) return null;
    // No cap here (unlike visibleText): the article text is evidence and must be complete.
    const text = blockText(content, Infinity);
    if (!text) return null;
    return dropUndefined({
      title: clean(parsed.title) ?? clean(doc.title) ?? '',
      byline: clean(parsed.byline),
      content_html: (content as Element).innerHTML,
      text,
      excerpt: clean(parsed.excerpt),
      site_name: clean(parsed.siteName),
      lang: clean(parsed.lang),
      published_time: clean(parsed.publishedTime),
      length: text.length,
    });
  } catch {
    // Readability throws on some pages (and past maxElemsToParse): no article, capture goes on.
    return null;
  }
}

/** `article` when Readability found an article of reasonable length, otherwise `page`. */
export function decideKind(c: Pick<PageCapture, 'article'>): 'article' | 'page' {
  return c.article && c.article.length >= MIN_ARTICLE_CHARS ? 'article' : 'page';
}

function clean(v: string | null | undefined): string | undefined {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

function dropUndefined(a: Article): Article {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k] = v;
  return out as Article;
}
