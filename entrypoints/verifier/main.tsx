import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '@/components/error-boundary';
import { I18nProvider } from '@/components/i18n';
import { Verifier } from '@/components/verifier/verifier';
import '@/components/tools.css';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <I18nProvider>
      <Verifier />
    </I18nProvider>
  </ErrorBoundary>,
);
