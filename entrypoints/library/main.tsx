import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '@/components/i18n';
import { LibraryApp } from '@/components/library/library-app';
import { HeaderActions, ItemActions } from '@/components/library/library-actions';
import { installAutomation } from '@/components/library/automation';
import { DocumentTitle } from '@/components/library/document-title';
import { installEmbedParser } from '@/components/library/telegram-embed-parser';
import { getDb } from '@/components/library/db';
import { VaultGate } from '@/components/vault/vault-gate';
import '@/components/library/library.css';

// The seed hook exists only in e2e builds; Vite drops this branch (and the module) otherwise.
if (import.meta.env.MODE === 'e2e') {
  void import('@/components/library/e2e-seed').then((m) => m.installSeedHook());
}

installAutomation();
// Re-checks of Telegram posts: the background fetches the embed, the library parses it.
installEmbedParser();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <DocumentTitle />
      {/* Locked: the lock screen instead of the library. */}
      <VaultGate db={getDb()}>
        <LibraryApp
          headerActions={(ctx) => <HeaderActions {...ctx} />}
          itemActions={(itemId) => <ItemActions itemId={itemId} />}
        />
      </VaultGate>
    </I18nProvider>
  </StrictMode>,
);
