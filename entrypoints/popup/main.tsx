import { createRoot } from 'react-dom/client';
import { I18nProvider } from '@/components/i18n';
import { Popup } from '@/components/popup/popup';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <I18nProvider>
    <Popup />
  </I18nProvider>,
);
