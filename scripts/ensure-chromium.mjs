import { ensureChromium, ensureExpertTools } from './browsers.mjs';
console.log(`Chromium for e2e tests: ${ensureChromium()}`);
ensureExpertTools();
