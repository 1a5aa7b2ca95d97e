/**
 * One i18n layer for every string a user reads: English, Russian and Ukrainian.
 * Each area of the interface keeps its own catalogue (messages-*.ts); all catalogues must
 * define the same keys in all three languages, which `i18n.test.ts` checks.
 * The browser's own `i18n` API cannot switch language at run time, so this layer is ours.
 */
import { common } from './messages-common';
import { popup } from './messages-popup';
import { library } from './messages-library';
import { tools } from './messages-tools';
import { detect } from './messages-detect';
import { telegram } from './messages-telegram';
import { safety } from './messages-safety';
import { download } from './messages-download';
import { media } from './messages-media';
import { fullpage } from './messages-fullpage';
import { vault } from './messages-vault';
import { sealed } from './messages-sealed';
import { access } from './messages-access';
import { formatNumber } from './format';
import { LOCALES, type Locale } from './locales';

export { LOCALES, type Locale };
export * from './format';

type Catalogue = Record<Locale, Record<string, string>>;
const catalogues: Catalogue[] = [
  common,
  popup,
  library,
  tools,
  detect,
  telegram,
  safety,
  download,
  media,
  fullpage,
  vault,
  sealed,
  access,
];

const merged: Record<Locale, Record<string, string>> = { en: {}, ru: {}, uk: {} };
for (const c of catalogues) for (const l of LOCALES) Object.assign(merged[l], c[l]);

export type MessageKey =
  | keyof typeof common.en
  | keyof typeof fullpage.en
  | keyof typeof popup.en
  | keyof typeof library.en
  | keyof typeof tools.en
  | keyof typeof detect.en
  | keyof typeof telegram.en
  | keyof typeof safety.en
  | keyof typeof download.en
  | keyof typeof media.en
  | keyof typeof vault.en
  | keyof typeof sealed.en
  | keyof typeof access.en;

/** Pick the interface language from a list of preferred languages (e.g. `navigator.languages`). */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'uk' || base === 'en') return base;
    // Belarusian and Kazakh readers of these channels mostly read Russian.
    if (base === 'be' || base === 'kk') return 'ru';
  }
  return 'en';
}

/**
 * Translate `key`, replacing `{name}` placeholders from `params`. Unknown keys show the key.
 * Numbers are written the locale's way (`1,234` in English, `1 234` in Russian and Ukrainian);
 * pass identifiers such as post numbers as strings so they are not grouped.
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = merged[locale][key] ?? merged.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in params)) return m;
    const v = params[name]!;
    return typeof v === 'number' ? formatNumber(locale, v) : v;
  });
}

export function allCatalogues(): Record<Locale, Record<string, string>> {
  return merged;
}
