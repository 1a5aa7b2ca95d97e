/** The small window the panic-wipe shortcut opens: only the hold-to-erase control. */
import { useI18n } from '@/components/i18n';
import { PanicWipe } from './panic-wipe';

export function WipePage() {
  const { t } = useI18n();
  return (
    <main className="popup">
      <h1 style={{ fontSize: 16, margin: 0 }}>{t('wipeTitle')}</h1>
      <PanicWipe />
    </main>
  );
}
