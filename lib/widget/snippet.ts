/**
 * The HTML a site owner pastes into their page: the card's `<iframe>` and a few lines of script that
 * resize it to the height the card reports.
 *
 * The `sandbox` attribute grants exactly what the card needs, and nothing that lets it act on the
 * embedding page:
 * - `allow-scripts`: the card's tiny script reports its height (and, on a registered widget, opens the
 *   watch popup);
 * - `allow-same-origin`: keeps the frame's real origin (Wikiport's). Without it the frame's origin is
 *   opaque (`null`): the popup's `postMessage(…, WIKIPORT_ORIGIN)` to it would never be delivered, and
 *   the embedder could not check `event.origin` against Wikiport's. It gives the frame no access to the
 *   embedding page, which is another origin; together with `allow-scripts` it could only escape a
 *   sandbox set by a page of its own origin;
 * - `allow-popups` + `allow-popups-to-escape-sandbox`: "Read on …" links and the watch button open
 *   ordinary top-level pages (sign-in and confirmation must not run sandboxed).
 * Not granted: top navigation (the card cannot navigate the embedding page away), forms, modals,
 * downloads, pointer lock.
 */

const SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

function escapeAttribute(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * `src` is the card's absolute URL (lib/widget/urls.ts), `title` the frame's accessible name. The script
 * accepts a height only from Wikiport's origin and from this very frame, so another frame or a hostile
 * window cannot resize it; several snippets on one page each look after their own frame.
 */
export function embedSnippet(o: { src: string; title: string }): string {
  const origin = new URL(o.src).origin;
  const frame =
    `<iframe src="${escapeAttribute(o.src)}" title="${escapeAttribute(o.title)}" loading="lazy" width="100%" height="240"` +
    ` style="border:0;width:100%;display:block" sandbox="${SANDBOX}" referrerpolicy="strict-origin-when-cross-origin"></iframe>`;
  // JSON.stringify, then `<` escaped: the origin lands inside a <script> element.
  const originLiteral = JSON.stringify(origin).replaceAll("<", "\\u003c");
  const script = [
    "<script>",
    "(function (frame) {",
    "  addEventListener(\"message\", function (event) {",
    `    if (event.origin !== ${originLiteral} || event.source !== frame.contentWindow) return;`,
    "    var data = event.data;",
    "    if (data && data.type === \"wikiport:height\" && typeof data.height === \"number\" && data.height > 0) {",
    "      frame.style.height = Math.ceil(Math.min(data.height, 10000)) + \"px\";",
    "    }",
    "  });",
    "})(document.currentScript.previousElementSibling);",
    "</script>",
  ].join("\n");
  return `${frame}\n${script}`;
}
