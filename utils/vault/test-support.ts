/** Cheap Argon2id cost for unit tests (the real cost is measured in bench/vault.ts). */
export const FAST_ARGON = { m_kib: 8 * 1024, t: 1, p: 1 };
