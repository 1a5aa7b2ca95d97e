/**
 * Notes with an explicit Save: every save is a custody event, so saving on each keystroke
 * would bury the log. The draft survives live updates until it is saved or the item changes.
 */
import { useId, useState } from 'react';
import { setNotes } from '@/utils/store';
import { useI18n } from '@/components/i18n';
import { useAsyncAction } from '@/components/ui/use-async-action';
import { getDb } from './db';

/** Props of {@link NotesEditor}. */
export interface NotesEditorProps {
  itemId: string;
  notes: string;
}

export function NotesEditor({ itemId, notes }: NotesEditorProps) {
  const { t } = useI18n();
  const id = useId();
  // null = no local edit: show the stored notes as they change.
  const [draft, setDraft] = useState<string | null>(null);
  const [savedOnce, setSavedOnce] = useState(false);
  const save = useAsyncAction(async (value: string) => {
    await setNotes(getDb(), itemId, value);
    setDraft(null);
    setSavedOnce(true);
  });
  const value = draft ?? notes;
  const dirty = draft !== null && draft !== notes;
  return (
    <div className="notes-editor">
      <label htmlFor={`${id}-notes`}>{t('libNotes')}</label>
      <textarea
        id={`${id}-notes`}
        data-testid="notes-input"
        rows={4}
        dir="auto"
        value={value}
        onChange={(e) => {
          setDraft(e.target.value);
          setSavedOnce(false);
        }}
      />
      <div className="row">
        <button
          type="button"
          data-testid="notes-save"
          disabled={!dirty || save.busy}
          onClick={() => void save.run(value)}
        >
          {t('libSaveNotes')}
        </button>
        <span className="muted small" aria-live="polite">
          {dirty ? t('libNotesUnsaved') : savedOnce ? t('libNotesSaved') : ''}
        </span>
      </div>
      {save.error && (
        <p role="alert" className="error small">
          {save.error}
        </p>
      )}
    </div>
  );
}
