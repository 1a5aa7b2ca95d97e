import { useEffect, useState } from 'react';

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  /** The text put on the clipboard. */
  text: string;
  /** Visible label, e.g. "Copy". */
  label: string;
  /** Label shown for a moment after copying, e.g. "Copied". */
  doneLabel: string;
  /** Accessible name when the visible label alone is ambiguous (several copy buttons on a page). */
  ariaLabel?: string;
  testId?: string;
}

/** A small button that copies `text` and says so. */
export function CopyButton({ text, label, doneLabel, ariaLabel, testId }: CopyButtonProps) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(false), 1500);
    return () => clearTimeout(t);
  }, [done]);
  return (
    <button
      type="button"
      className="small-button"
      aria-label={ariaLabel}
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => setDone(true));
      }}
    >
      <span aria-live="polite">{done ? doneLabel : label}</span>
    </button>
  );
}
