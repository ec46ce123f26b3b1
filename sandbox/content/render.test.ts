import { describe, expect, it } from "vitest";
import { defaultSandboxConfig } from "../config";
import type { PageRecord, RevisionRecord } from "../state";
import { SandboxStore } from "../store";
import { findWiki } from "../wikis";
import { renderRevisionDocument } from "./render";

const store = new SandboxStore(defaultSandboxConfig({ store: "memory", publicUrl: "http://sandbox.test:9000" }));
const en = findWiki("en.wikipedia.org")!;

function render(content: string, extra: Partial<RevisionRecord> = {}): string {
  const page: PageRecord = { wiki: en.host, id: 9999, ns: 0, title: "Render test", protection: {}, latestRevisionId: 99999 };
  const revision: RevisionRecord = {
    id: 99999, wiki: en.host, pageId: 9999, parentId: 0, timestamp: Date.UTC(2024, 4, 1, 12), userId: 1001,
    userName: "Ada Editor", comment: "", minor: false, content, tags: [], ...extra,
  };
  return renderRevisionDocument(store, { wiki: en, page, revision });
}

function body(doc: string): string {
  return /<body[^>]*>([\s\S]*)<\/body>/.exec(doc)![1]!;
}

describe("renderRevisionDocument", () => {
  it("nests sections by heading level, as Parsoid does", () => {
    const markup = body(render("Lead.\n== A ==\nText A.\n=== A1 ===\nText A1.\n== B ==\nText B."));
    expect(markup).toBe(
      '<section data-mw-section-id="0" id="mwAQ"><p>Lead.\n</p>\n</section>' +
        '<section data-mw-section-id="1" id="mwAg"><h2 id="A">A</h2><p>Text A.\n</p>\n' +
        '<section data-mw-section-id="2" id="mwAw"><h3 id="A1">A1</h3><p>Text A1.\n</p>\n</section></section>' +
        '<section data-mw-section-id="3" id="mwBA"><h2 id="B">B</h2><p>Text B.\n</p></section>',
    );
  });

  it("writes wiki links as mw:WikiLink with ./ hrefs, fragments kept", () => {
    const markup = render("[[Solar System#Sun|the Sun]] and [[earth]]");
    expect(markup).toContain('<a rel="mw:WikiLink" href="./Solar_System#Sun" title="Solar System">the Sun</a>');
    expect(markup).toContain('<a rel="mw:WikiLink" href="./Earth" title="Earth">earth</a>');
  });

  it("writes external links as mw:ExtLink, named, bare and numbered", () => {
    const markup = render("[https://example.org/a Named] https://example.org/b [https://example.org/c]");
    expect(markup).toContain('<a rel="mw:ExtLink nofollow" href="https://example.org/a" class="external text">Named</a>');
    expect(markup).toContain('<a rel="mw:ExtLink nofollow" href="https://example.org/b" class="external free">');
    expect(markup).toContain('<a rel="mw:ExtLink nofollow" href="https://example.org/c" class="external autonumber"></a>');
  });

  it("escapes raw HTML that wikitext does not allow", () => {
    const markup = body(render('<script>alert(1)</script><span onclick="x()">s</span> [javascript:alert(1) x]'));
    expect(markup).not.toContain("<script");
    expect(markup).not.toContain("onclick");
    expect(markup).not.toContain('href="javascript:');
  });

  it("points images at the media mirror on the sandbox and marks missing files as broken", () => {
    const markup = render("[[File:FullMoon2010.png|frameless|120px|alt=Moon]] [[File:Nowhere.png|thumb|Lost]]");
    expect(markup).toMatch(/<span typeof="mw:File"><a href="\.\/File:FullMoon2010\.png" class="mw-file-description"><img alt="Moon" resource="\.\/File:FullMoon2010\.png" src="http:\/\/sandbox\.test:9000\/upload\.wikimedia\.org\/wikipedia\/commons\/thumb\/[0-9a-f]\/[0-9a-f]{2}\/FullMoon2010\.png\/120px-FullMoon2010\.png"/);
    expect(markup).toContain('width="120"');
    expect(markup).toContain('<span class="mw-file-element mw-broken-media" resource="./File:Nowhere.png">File:Nowhere.png</span>');
  });

  it("renders a redirect page as a redirect page property", () => {
    expect(body(render("#REDIRECT [[solar System]]"))).toBe('<section data-mw-section-id="0" id="mwAQ"><link rel="mw:PageProp/redirect" href="./Solar_System"/></section>');
  });

  it("puts an htmlOverride into the body verbatim", () => {
    const hostile = '<p onclick="x()">hi</p><script>alert(1)</script>';
    expect(body(render("ignored", { htmlOverride: hostile }))).toBe(hostile);
  });

  it("describes the revision in the head", () => {
    const doc = render("Text.", { parentId: 99998 });
    expect(doc).toContain('about="http://sandbox.test:9000/en.wikipedia.org/wiki/Special:Redirect/revision/99999"');
    expect(doc).toContain('<link rel="dc:replaces" resource="mwr:revision/99998"/>');
    expect(doc).toContain('<meta property="dc:modified" content="2024-05-01T12:00:00.000Z"/>');
    expect(doc).toContain('<base href="//sandbox.test:9000/en.wikipedia.org/wiki/"/>');
    expect(doc).toContain("<title>Render test</title>");
  });
});
