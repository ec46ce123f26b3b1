/**
 * Where article images may come from: the sanitizer drops every image outside this prefix, so it must
 * match the media host the wikis' HTML points at (the sandbox mirrors upload.wikimedia.org under its origin).
 */
export function mediaPrefixFor(wikimedia: { mode: string; sandboxUrl: string | null }): string {
  if (wikimedia.mode === "sandbox" && wikimedia.sandboxUrl) return `${wikimedia.sandboxUrl.replace(/\/+$/, "")}/upload.wikimedia.org/`;
  return "https://upload.wikimedia.org/";
}
