/**
 * How much JavaScript a card ships, from its HTML: the bytes of its inline scripts and the addresses of
 * any external ones (there should be none; a `/_next/` one would mean a framework bundle). Pure, so the
 * end-to-end test and the benchmark measure the same way.
 */
export interface FrameJavaScript {
  /** UTF-8 bytes of all inline `<script>` bodies that a browser would run. */
  inlineBytes: number;
  inlineScripts: number;
  /** `src` of every external script, as written. */
  externalScripts: string[];
}

/** Script types a browser executes (an absent or empty type is JavaScript; JSON and templates are not). */
function executable(attributes: string): boolean {
  const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1]?.toLowerCase() ?? "";
  return type === "" || type === "module" || type.includes("javascript") || type.includes("ecmascript");
}

export function frameJavaScript(html: string): FrameJavaScript {
  const result: FrameJavaScript = { inlineBytes: 0, inlineScripts: 0, externalScripts: [] };
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? "";
    if (!executable(attributes)) continue;
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
    if (src) result.externalScripts.push(src[1] ?? src[2] ?? src[3] ?? "");
    else {
      result.inlineScripts += 1;
      result.inlineBytes += new TextEncoder().encode(match[2] ?? "").length;
    }
  }
  return result;
}

/** Total bytes: inline scripts plus the sizes of external ones, when the caller fetched them. */
export function totalJavaScriptBytes(measured: FrameJavaScript, externalSizes: readonly number[] = []): number {
  return measured.inlineBytes + externalSizes.reduce((sum, size) => sum + size, 0);
}
