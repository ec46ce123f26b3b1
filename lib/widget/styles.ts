/**
 * The card's stylesheet: one fixed text inlined in every card and allowed by its hash (like the script).
 * Colours are Wikimedia Codex's tokens (light and dark); `data-theme="auto"` follows the reader's
 * `prefers-color-scheme`. Logical properties (inline-start/end) so `dir="rtl"` mirrors the layout.
 */
import { cspHash } from "./frame-script";

export const CARD_CSS = `
html{--bg:#fff;--fg:#202122;--subtle:#54595d;--border:#c8ccd1;--link:#36c;--visited:#6a60b0;--btn:#f8f9fa;--error:#d73333;color-scheme:light}
html[data-theme=dark]{--bg:#101418;--fg:#eaecf0;--subtle:#a2a9b1;--border:#54595d;--link:#88a3e8;--visited:#a799cd;--btn:#202122;--error:#fd7865;color-scheme:dark}
@media (prefers-color-scheme:dark){html[data-theme=auto]{--bg:#101418;--fg:#eaecf0;--subtle:#a2a9b1;--border:#54595d;--link:#88a3e8;--visited:#a799cd;--btn:#202122;--error:#fd7865;color-scheme:dark}}
*{box-sizing:border-box}
html,body{margin:0;padding:0;background:transparent}
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg)}
.card{background:var(--bg);border:1px solid var(--border);border-radius:4px;padding:12px 16px;overflow:hidden}
.card::after{content:"";display:block;clear:both}
.thumb{float:inline-end;margin-inline-start:12px;margin-block-end:8px;border-radius:2px;background:var(--border);max-width:40%;height:auto}
[data-layout=full] .thumb{width:160px}
[data-layout=compact] .thumb{width:64px}
h1{font:bold 1.3em/1.25 Georgia,"Linux Libertine","Times New Roman",serif;margin:0 0 2px}
[data-layout=compact] h1{font-size:1.1em}
.desc{color:var(--subtle);margin:0 0 8px;font-size:.93em}
.extract p{margin:0 0 8px}
[data-layout=compact] .extract{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
[data-layout=compact] .extract p{display:inline;margin:0}
a{color:var(--link)}
a:visited{color:var(--visited)}
.links{clear:both;display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;margin:8px 0 0;padding:0;list-style:none}
.links a{font-weight:bold;text-decoration:none}
.links a:hover,.links a:focus{text-decoration:underline}
button{font:inherit;font-weight:bold;color:var(--fg);background:var(--btn);border:1px solid var(--border);border-radius:2px;padding:3px 12px;cursor:pointer;min-height:32px}
button:disabled{cursor:default;color:var(--subtle)}
.attribution{color:var(--subtle);font-size:.8em;margin:8px 0 0}
[data-layout=compact] .attribution{font-size:.75em}
.message h1{font-size:1.1em;color:var(--error)}
.message p{margin:4px 0 0}
`.trim();

export const CARD_CSS_HASH = cspHash(CARD_CSS);
