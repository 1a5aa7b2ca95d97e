import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '@/components/error-boundary';
import { I18nProvider } from '@/components/i18n';
import { Settings } from '@/components/settings/settings';
import '@/components/tools.css';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <I18nProvider>
      <Settings />
    </I18nProvider>
  </ErrorBoundary>,
);
