/** The settings page. */
import { LanguageSwitch, useI18n } from '@/components/i18n';
import { SigningKeyCard } from './signing-key';
import { TimestampsCard } from './timestamps';
import { DetectionCard } from './detection';
import { FullPageCard } from './fullpage';
import { pageDb } from '@/components/tools-db';
import { EncryptionCard } from '@/components/vault/encryption-card';
import { LockButton, VaultGate } from '@/components/vault/vault-gate';
import { AllSitesAccess } from '@/components/access/all-sites';

export function Settings() {
  const { t } = useI18n();
  // Locked: the lock screen instead of the cards (they read the store).
  return (
    <VaultGate
      db={pageDb()}
      frame={(body) => (
        <main className="settings">
          <header>
            <h1>{t('setTitle')}</h1>
            <LockButton />
            <LanguageSwitch />
          </header>
          {body}
        </main>
      )}
    >
      <EncryptionCard />
      <AllSitesAccess />
      <SigningKeyCard />
      <TimestampsCard />
      <FullPageCard />
      <DetectionCard />
    </VaultGate>
  );
}
