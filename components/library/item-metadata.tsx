/**
 * Everything recorded about the capture (Berkeley Protocol: contextual and collection data),
 * as a definition list. Times are shown in UTC, as stored, and in the reader's time zone.
 */
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n';
import { formatDateTime, formatNumber } from '@/utils/i18n';
import type { Item } from '@/utils/schemas';
import { CopyButton } from '@/components/ui/copy-button';

/** Source fields shown under their own labels; any others are listed as recorded. */
const KNOWN_SOURCE = new Set(['site_name', 'byline', 'published_at', 'lang', 'excerpt']);

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Props of {@link ItemMetadata}. */
export interface ItemMetadataProps {
  item: Item;
}

export function ItemMetadata({ item }: ItemMetadataProps) {
  const { t, locale } = useI18n();
  const s = item.source;
  const env = item.environment;
  const published = str(s.published_at);
  const publishedText =
    published && !Number.isNaN(Date.parse(published))
      ? formatDateTime(locale, published)
      : published;
  const rows: Array<[string, ReactNode]> = [];
  const add = (label: string, value: ReactNode | undefined) => {
    if (value !== undefined && value !== '') rows.push([label, value]);
  };
  add(t('libMetaItemId'), <code>{item.id}</code>);
  if (item.requested_url && item.requested_url !== item.url)
    add(t('libMetaRequestedUrl'), <span className="url">{item.requested_url}</span>);
  add(t('libMetaUrl'), <span className="url">{item.url}</span>);
  add(t('libMetaTitle'), <span dir="auto">{item.title}</span>);
  add(t('libMetaSite'), str(s.site_name));
  add(t('libMetaByline'), str(s.byline) && <span dir="auto">{str(s.byline)}</span>);
  add(t('libMetaPublished'), publishedText);
  add(t('libMetaLang'), str(s.lang));
  add(t('libMetaCapturedUtc'), <code>{item.captured_at}</code>);
  add(t('libMetaCapturedLocal'), formatDateTime(locale, item.captured_at));
  if (env.time_zone)
    add(
      t('libMetaCapturedThere', { tz: env.time_zone }),
      formatDateTime(locale, item.captured_at, env.time_zone),
    );
  add(t('libMetaExtVersion'), env.extension_version);
  add(t('libMetaBrowser'), env.browser);
  add(
    t('libMetaUserAgent'),
    env.user_agent && <span className="mono small">{env.user_agent}</span>,
  );
  add(t('libMetaTimeZone'), env.time_zone);
  add(
    t('libMetaViewport'),
    env.viewport &&
      `${formatNumber(locale, env.viewport.width)} × ${formatNumber(locale, env.viewport.height)}${env.device_pixel_ratio ? ` @${formatNumber(locale, env.device_pixel_ratio)}x` : ''}`,
  );
  add(t('libMetaClock'), env.clock);
  add(
    t('libMetaContentDigest'),
    <span className="hash-with-copy">
      <code className="hash">{item.content_digest}</code>
      <CopyButton
        text={item.content_digest}
        label={t('libCopy')}
        doneLabel={t('libCopied')}
        ariaLabel={t('libCopyContentDigest')}
      />
    </span>,
  );
  add(t('libMetaExcerpt'), str(s.excerpt) && <span dir="auto">{str(s.excerpt)}</span>);
  for (const [k, v] of Object.entries(s)) {
    if (!KNOWN_SOURCE.has(k))
      add(k, str(v) ?? (v && typeof v === 'object' ? <code>{JSON.stringify(v)}</code> : undefined));
  }
  return (
    <dl className="meta">
      {rows.map(([label, value]) => (
        <div key={label} className="meta-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
