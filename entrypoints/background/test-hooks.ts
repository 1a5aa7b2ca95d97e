/**
 * Hooks for the e2e tests and the batch CLI, compiled in only when built with `--mode e2e`
 * (`import.meta.env.MODE` is replaced at build time, so release builds drop this module).
 */
import type { CaptureResult } from '@/utils/protocol';
import type { EvidenceDb } from '@/utils/store';

export interface TestHooks {
  db: EvidenceDb;
  runCapture: (tabId: number, caseId?: string | null) => Promise<CaptureResult>;
}

export function installTestHooks(hooks: TestHooks): void {
  (globalThis as unknown as { __protokol: TestHooks }).__protokol = hooks;
}
