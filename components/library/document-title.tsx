import { useEffect } from 'react';
import { useI18n } from '@/components/i18n';

/** Keeps the tab title in the reader's language. */
export function DocumentTitle() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('libTitle')} · ${t('appName')}`;
  }, [t]);
  return null;
}
