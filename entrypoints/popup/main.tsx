import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '@/components/error-boundary';
import { I18nProvider } from '@/components/i18n';
import { Popup } from '@/components/popup/popup';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <I18nProvider>
      <Popup />
    </I18nProvider>
  </ErrorBoundary>,
);
