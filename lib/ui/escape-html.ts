/**
 * Text (or an attribute value) for HTML that Wikiport builds as a string rather than through React: the
 * widget card and visitors' article pages. Quotes are escaped too, so the result is safe in either
 * quoted attribute form.
 */
export function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}
