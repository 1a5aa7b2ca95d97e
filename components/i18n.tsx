/**
 * React binding of the i18n layer for extension pages. The chosen language is kept in
 * `storage.local` (key `locale`) so that the popup and the library agree; without a choice
 * the browser's languages decide.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { browser } from 'wxt/browser';
import { LOCALES, pickLocale, translate, type Locale, type MessageKey } from '@/utils/i18n';

const LOCALE_KEY = 'locale';

interface I18nValue {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  setLocale: (l: Locale) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => pickLocale(navigator.languages));
  useEffect(() => {
    let alive = true;
    void browser.storage.local.get(LOCALE_KEY).then((r) => {
      const saved = r[LOCALE_KEY];
      if (alive && typeof saved === 'string' && (LOCALES as readonly string[]).includes(saved)) {
        setLocaleState(saved as Locale);
      }
    });
    return () => {
      alive = false;
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    void browser.storage.local.set({ [LOCALE_KEY]: l });
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** A compact language switch (EN / RU / UK) for page headers. */
export function LanguageSwitch() {
  const { locale, setLocale } = useI18n();
  return (
    <select
      aria-label="Language / Язык / Мова"
      data-testid="language-switch"
      value={locale}
      onChange={(e) => setLocale(e.target.value as Locale)}
    >
      <option value="en">English</option>
      <option value="ru">Русский</option>
      <option value="uk">Українська</option>
    </select>
  );
}
