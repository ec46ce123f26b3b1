/** `npm run keys:generate`: a new key for the key ring that seals tokens at rest. */
import { generateKey } from "./lib/keys";

const key = generateKey();
console.log(`A new sealing key. To start using it, add it to WIKIPORT_KEYS and make it active:

  WIKIPORT_KEYS=${key.entry}
  WIKIPORT_ACTIVE_KEY=${key.id}

When rotating, keep the old entries in WIKIPORT_KEYS (comma-separated) so existing values still open,
run \`npm run keys:rotate\` to re-seal every stored token with the new key, then remove the old entries.`);
