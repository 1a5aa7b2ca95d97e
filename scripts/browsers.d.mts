/** Types of scripts/browsers.mjs for TypeScript callers (the CLI). */
export function findChromium(): string | null;
export function ensureChromium(): string;
export function hasCommand(cmd: string): boolean;
export function ensureExpertTools(): void;
