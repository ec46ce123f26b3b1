/**
 * The User-Agent every request to Wikimedia carries. Wikimedia's policy asks for
 * `<client>/<version> (<contact>) <library>/<version>` and blocks generic ones (T400119), including on
 * the OAuth token exchange.
 */
import packageJson from "@/package.json";
import { getConfig } from "@/lib/env";

export function userAgent(contact = getConfig().wikimedia.contact): string {
  return `Wikiport/${packageJson.version} (${contact}) node/${process.versions.node}`;
}
