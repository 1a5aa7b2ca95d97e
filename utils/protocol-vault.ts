/**
 * Messages of the encrypted store ("vault"): lock screen, first-run opt-in and the settings
 * page's Encryption section talk to the background (entrypoints/background/vault.ts) with these.
 * All are privileged: accepted only from the extension's own pages. Pure module.
 */
import { z } from 'zod';
import type { LockReason } from './vault/lock';

/** What the store is: never encrypted, encrypted and locked, or encrypted and unlocked. */
export type VaultStatus = 'clear' | 'locked' | 'unlocked';

/** Idle times offered in settings, in minutes; null: never. */
export const IdleMinutes = z.union([
  z.literal(1),
  z.literal(5),
  z.literal(15),
  z.literal(30),
  z.literal(60),
  z.literal(240),
  z.null(),
]);
export type IdleMinutes = z.infer<typeof IdleMinutes>;

const Passphrase = z.string().min(1).max(1024);

export const VaultCreateRequest = z.object({ passphrase: Passphrase });
export const VaultUnlockRequest = z.object({ passphrase: Passphrase });
export const VaultChangeRequest = z.object({ passphrase: Passphrase, next: Passphrase });
/** `duress` null: clear the duress passphrase. */
export const VaultDuressRequest = z.object({
  passphrase: Passphrase,
  duress: Passphrase.nullable(),
});
export const VaultIdleRequest = z.object({ minutes: IdleMinutes });

/** Why a vault action failed; each is a message key of utils/i18n (messages-vault.ts). */
export type VaultErrorCode =
  | 'vaultErrWrong'
  | 'vaultErrTampered'
  | 'vaultErrKdf'
  | 'vaultErrAlreadyOn'
  | 'vaultErrNotOn'
  | 'vaultErrSameAsDuress'
  | 'vaultErrSameAsPassphrase'
  | 'vaultErrLocked'
  | 'vaultErrConversion'
  | 'vaultErrUnknown';

export type VaultAnswer = { ok: true } | { ok: false; code: VaultErrorCode; detail?: string };

/** The lock screen's answer: unlocked, wrong passphrase, or an error (tampered, no KDF…). */
export type VaultUnlockAnswer =
  | { ok: true; result: 'unlock' | 'wrong' | 'duress' }
  | { ok: false; code: VaultErrorCode; detail?: string };

/** Turning encryption on for a store that already holds evidence: how far it got. */
export interface ConversionProgress {
  phase: string;
  converted: number;
  /** Records and chunks in the store when it started (an estimate for the progress bar). */
  total: number;
  running: boolean;
  error?: string;
}

export interface VaultStatusAnswer {
  status: VaultStatus;
  /** Why it is locked (start, manual, idle, clock); absent while unlocked or clear. */
  reason?: LockReason;
  idleMinutes: IdleMinutes;
  /** A conversion started and not finished (null: none). */
  conversion: ConversionProgress | null;
}

export interface VaultProtocolMap {
  'vault.status'(): VaultStatusAnswer;
  'vault.create'(data: z.infer<typeof VaultCreateRequest>): VaultAnswer;
  'vault.unlock'(data: z.infer<typeof VaultUnlockRequest>): VaultUnlockAnswer;
  'vault.lock'(): void;
  'vault.changePassphrase'(data: z.infer<typeof VaultChangeRequest>): VaultAnswer;
  'vault.setDuress'(data: z.infer<typeof VaultDuressRequest>): VaultAnswer;
  'vault.setIdle'(data: z.infer<typeof VaultIdleRequest>): void;
  /** The user did something in an extension page (typing, clicking, scrolling): not idle. */
  'vault.activity'(): void;
}

export const VAULT_MESSAGES: ReadonlyArray<keyof VaultProtocolMap> = [
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.changePassphrase',
  'vault.setDuress',
  'vault.setIdle',
  'vault.activity',
];
