import { describe, expect, it } from 'vitest';
import { allCatalogues, pickLocale, translate } from './index';

describe('i18n', () => {
  it('has every key in English, Russian and Ukrainian, none empty', () => {
    const all = allCatalogues();
    const en = Object.keys(all.en).sort();
    expect(en.length).toBeGreaterThan(5);
    for (const l of ['ru', 'uk'] as const) {
      expect(Object.keys(all[l]).sort()).toEqual(en);
      for (const k of en) expect(all[l][k]?.trim(), `${l}.${k}`).toBeTruthy();
    }
  });
  it('keeps the same placeholders in every language', () => {
    const all = allCatalogues();
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const k of Object.keys(all.en)) {
      expect(ph(all.ru[k]!), k).toBe(ph(all.en[k]!));
      expect(ph(all.uk[k]!), k).toBe(ph(all.en[k]!));
    }
  });
  it('picks the locale from the browser languages', () => {
    expect(pickLocale(['uk-UA', 'ru'])).toBe('uk');
    expect(pickLocale(['de-DE', 'ru-RU'])).toBe('ru');
    expect(pickLocale(['fr'])).toBe('en');
  });
  it('fills placeholders', () => {
    expect(translate('ru', 'errNotCapturable', { url: 'chrome://x' })).toContain('chrome://x');
  });
});

describe('formatting', () => {
  it('formats instants with the time zone named, in every locale', async () => {
    const { formatDateTime, formatBytes } = await import('./index');
    expect(formatDateTime('en', '2026-11-12T08:15:02.120Z', 'UTC')).toMatch(/2026.*08:15:02.*UTC/);
    expect(formatDateTime('ru', '2026-11-12T08:15:02.120Z', 'Europe/Moscow')).toMatch(/11:15:02/);
    expect(formatDateTime('uk', '2026-11-12T08:15:02.120Z', 'Europe/Kyiv')).toMatch(/10:15:02/);
    expect(formatBytes('ru', 3 * 1024 * 1024)).toBe('3 МБ');
  });
});
