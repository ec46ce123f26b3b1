/**
 * The only JavaScript in a card: a few hundred bytes, the same text in every card, allowed by its sha256
 * hash in the card's CSP. A hash rather than a per-request nonce, because a nonce would make every answer
 * unique and defeat the ETag/304 and the server's rendered-HTML cache; a fixed script carries no secret.
 *
 * It reads its settings from `<html data-…>`: `origin` (Wikiport's), `allowed` (a registered widget's
 * allow-list, space-separated; absent on public cards), `embed`, `wiki`, `title`. It
 * - finds the parent's origin (`location.ancestorOrigins[0]`, else the referrer's origin) and, on a
 *   registered widget, keeps it only if it is in the allow-list; no origin, no message — never "*"
 *   (docs/security-requirements.md item 29);
 * - reports the document's height on load and whenever it changes (ResizeObserver);
 * - on a registered widget's Watch button, opens Wikiport's top-level popup (the frame itself never acts),
 *   accepts its answer only from Wikiport's origin AND from that very popup, then shows "Watching" and
 *   tells the parent.
 */
import { createHash } from "node:crypto";

export const FRAME_SCRIPT = [
  "(function(){",
  "var d=document.documentElement.dataset,o=d.origin,l=d.allowed,a=location.ancestorOrigins,p=a&&a.length?a[0]:\"\";",
  "if(!p&&document.referrer)try{p=new URL(document.referrer).origin}catch(e){}",
  "if(!p||p===\"null\"||l!==undefined&&l.split(\" \").indexOf(p)<0)p=\"\";",
  "function s(m){if(p&&parent!==window)parent.postMessage(m,p)}",
  "var h=0;function r(){var x=Math.ceil(document.documentElement.getBoundingClientRect().height);if(x!==h){h=x;s({type:\"wikiport:height\",height:x})}}",
  "addEventListener(\"load\",r);if(window.ResizeObserver)new ResizeObserver(r).observe(document.documentElement);r();",
  "var b=document.getElementById(\"wp-watch\"),w=null;if(!b)return;",
  "b.addEventListener(\"click\",function(){w=window.open(o+\"/widget/watch/\"+encodeURIComponent(d.embed),\"wikiport-watch\",\"popup,width=520,height=640\")});",
  "addEventListener(\"message\",function(e){var m=e.data;",
  "if(e.origin!==o||!w||e.source!==w||!m||m.type!==\"wikiport:watch-result\"||m.embedId!==d.embed||m.watched!==true)return;",
  "b.textContent=b.getAttribute(\"data-done\");b.disabled=true;s({type:\"wikiport:watched\",wiki:d.wiki,title:d.title})})",
  "})();",
].join("");

export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

export const FRAME_SCRIPT_HASH = cspHash(FRAME_SCRIPT);
