/**
 * The panic wipe control: press and hold for 1.2 seconds (mouse, touch, or Space/Enter held).
 * Holding is deliberate enough not to happen by accident and fast enough for an emergency;
 * releasing early cancels. Nothing asks again after the hold: the hold is the confirmation.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';

export const HOLD_MS = 1200;

export function PanicWipe() {
  const { t } = useI18n();
  const [holding, setHolding] = useState(false);
  const [progress, setProgress] = useState(0);
  const [state, setState] = useState<'idle' | 'holding' | 'wiping' | 'error'>('idle');
  const [error, setError] = useState('');

  // While the button is held, advance the bar each frame; at HOLD_MS, wipe.
  useEffect(() => {
    if (!holding) return;
    const start = performance.now();
    let raf = 0;
    const tick = () => {
      const p = Math.min(1, (performance.now() - start) / HOLD_MS);
      setProgress(p);
      if (p < 1) {
        raf = requestAnimationFrame(tick);
        return;
      }
      setHolding(false);
      setState('wiping');
      sendMessage('panicWipe', undefined).catch((e: unknown) => {
        setState('error');
        setError(e instanceof Error ? e.message : String(e));
      });
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [holding]);

  const begin = () => {
    if (state === 'wiping' || holding) return;
    setState('holding');
    setHolding(true);
  };
  const stop = () => {
    if (!holding) return;
    setHolding(false);
    setProgress(0);
    setState('idle');
  };

  return (
    <section className="wipe">
      <button
        type="button"
        data-testid="panic-wipe"
        data-state={state}
        className="danger"
        aria-describedby="wipe-help"
        onPointerDown={(e) => {
          // Captured, the hold survives the popup's layout moving the button under the pointer
          // (the media list and panels load after it opens); releasing still cancels.
          e.currentTarget.setPointerCapture(e.pointerId);
          begin();
        }}
        onPointerUp={stop}
        onPointerCancel={stop}
        onPointerLeave={stop}
        onKeyDown={(e) => {
          if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) begin();
        }}
        onKeyUp={stop}
        style={{
          backgroundImage: `linear-gradient(to right, #7f1d1d ${progress * 100}%, #b91c1c ${progress * 100}%)`,
        }}
      >
        {state === 'wiping' ? t('wipeWiping') : t('wipeButton')}
      </button>
      <p id="wipe-help" className="note">
        {state === 'error' ? t('wipeFailed', { detail: error }) : t('wipeHelp')}
      </p>
    </section>
  );
}
