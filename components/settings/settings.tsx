/** The settings page. */
import { LanguageSwitch, useI18n } from '@/components/i18n';
import { SigningKeyCard } from './signing-key';
import { TimestampsCard } from './timestamps';
import { DetectionCard } from './detection';
import { FullPageCard } from './fullpage';

export function Settings() {
  const { t } = useI18n();
  return (
    <main className="settings">
      <header>
        <h1>{t('setTitle')}</h1>
        <LanguageSwitch />
      </header>
      <SigningKeyCard />
      <TimestampsCard />
      <FullPageCard />
      <DetectionCard />
    </main>
  );
}
