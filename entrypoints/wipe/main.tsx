import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '@/components/error-boundary';
import { I18nProvider } from '@/components/i18n';
import { WipePage } from '@/components/popup/wipe-page';
import '../popup/style.css';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <I18nProvider>
      <WipePage />
    </I18nProvider>
  </ErrorBoundary>,
);
