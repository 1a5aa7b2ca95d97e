/**
 * Integrity reports produced during this page's life, so the list can show a badge for every
 * item the monitor has checked. Session-only on purpose: a badge must not claim an item is
 * intact on the strength of a check made in some earlier session.
 */
import { useSyncExternalStore } from 'react';
import type { IntegrityReport } from '@/utils/store';

const reports = new Map<string, IntegrityReport>();
const listeners = new Set<() => void>();

export function recordIntegrity(report: IntegrityReport): void {
  reports.set(report.item_id, report);
  for (const l of listeners) l();
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The latest report for `itemId` from this session, if any. */
export function useIntegrityReport(itemId: string): IntegrityReport | undefined {
  return useSyncExternalStore(subscribe, () => reports.get(itemId));
}
