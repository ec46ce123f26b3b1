/** Meta-Wiki's seeded pages: the coordination wiki of the Wikimedia movement. */
import { AUTHORS } from "./authors";
import type { SeedPage, SeedWiki } from "./types";

const { editor, admin, ip, newcomer } = AUTHORS;

const MAIN_PAGE = `__NOTOC__
'''Meta-Wiki''' is the global community site for the [[Wikimedia projects]] and the [[Wikimedia movement]] in general. This is the Wikiport sandbox's copy.

== Getting started ==
* [[Wikimedia projects]] – an overview of every project
* [[Wikimedia Foundation]] – the non-profit that hosts the projects
* [https://meta.wikimedia.org/wiki/Special:OAuthConsumerRegistration OAuth consumer registration]
`;

const PROJECTS: [string, string][] = [
  ["Wikipedia", "'''[[w:|Wikipedia]]''' is a free online encyclopedia written collaboratively by volunteers, in more than 300 languages. It was launched on 15 January 2001 by Jimmy Wales and Larry Sanger, and is the largest and most-read reference work in history. Each language edition is an independent wiki with its own community, policies and administrators, although content and ideas flow freely between them."],
  ["Wiktionary", "'''Wiktionary''' is a multilingual free dictionary, aiming to describe all words of all languages using definitions and descriptions in each language. Entries include etymologies, pronunciations, translations, inflections and usage notes. The English edition alone holds millions of entries, many of them about words in languages other than English."],
  ["Wikibooks", "'''Wikibooks''' is a collection of open-content textbooks that anyone can edit. It focuses on instructional material: school and university textbooks, manuals, and cookbooks. Its sister project Wikijunior produces books for children aged 8 to 11."],
  ["Wikinews", "'''Wikinews''' is a free-content news source wiki, where volunteers write original reporting and synthesize news from other sources under a neutral point of view. It operates in around thirty languages."],
  ["Wikiquote", "'''Wikiquote''' is a free compendium of sourced quotations from notable people and creative works in every language, translations of non-English quotes, and links to Wikipedia for further information."],
  ["Wikisource", "'''Wikisource''' is an online library of free-content source texts, including poetry, government documents, constitutions of many countries and general literature. Proofreading of scanned pages is done side by side with the page images, page by page."],
  ["Wikiversity", "'''Wikiversity''' is a learning community and a collection of open learning resources, including learning projects, research, and course materials at every level from primary school to postgraduate research."],
  ["Wikivoyage", "'''Wikivoyage''' is a free worldwide travel guide that anyone can edit. Its articles cover destinations from continents down to city districts, with practical information on getting there, getting around, and where to eat and sleep."],
  ["Wikimedia Commons", "'''Wikimedia Commons''' is a media repository of freely usable images, sounds, videos and other media. Files uploaded to Commons can be used on every other Wikimedia project as if they were uploaded locally; it holds more than 100 million files."],
  ["Wikidata", "'''Wikidata''' is a free and open knowledge base that can be read and edited by both humans and machines. It acts as central storage for the structured data of its Wikimedia sister projects, including Wikipedia's infoboxes, interlanguage links, and the short descriptions shown in search results."],
  ["Wikispecies", "'''Wikispecies''' is a catalogue of all species, directed at scientists rather than the general public. It covers animalia, plantae, fungi, bacteria, archaea, protista and all other forms of life."],
  ["MediaWiki", "'''MediaWiki''' is the free and open-source wiki software that powers every Wikimedia project and thousands of other wikis. Its documentation and development coordination live on mediawiki.org. Its REST API and Action API are what tools such as Wikiport use to read and edit on behalf of people who sign in with OAuth."],
  ["Meta-Wiki", "'''Meta-Wiki''' is the global coordination site, where the movement discusses policies, requests global rights, runs elections and registers OAuth consumers. Its OAuth server issues the tokens accepted by every Wikimedia wiki."],
  ["Wikifunctions", "'''Wikifunctions''' is a catalogue of functions that anyone can create, modify, and run, launched in 2023. Its long-term aim, Abstract Wikipedia, is to generate encyclopedic text in many languages from language-independent content."],
];

/** Movement-wide topics that follow the project list once the page is complete. */
const MOVEMENT_SECTIONS = `== Languages ==
Most projects exist as separate wikis per language: English Wikipedia, German Wikipedia and Hebrew Wikipedia are independent communities with their own policies, even though they share software and many tools. New language editions start in the Wikimedia Incubator, where a community has to show sustained activity before the Language committee approves a wiki of its own. Right-to-left languages such as Hebrew, Arabic and Persian are supported throughout the software, from the editing interface to the HTML that the APIs return, which carries the content direction so that clients can lay it out correctly.

== Licensing ==
Text on the projects is available under the Creative Commons Attribution-ShareAlike 4.0 licence, and media on Commons under a range of free licences or in the public domain. Reusers must credit the authors, usually by linking to the page history, and must share adaptations under the same terms. The REST API returns the licence of every page together with its content, so that tools which show or copy content can display the right attribution.

== Technical infrastructure ==
All projects run on MediaWiki, served from data centres in the United States, Europe, Asia and South America. Readers are served mostly from caches; editors and API clients reach the application servers through the same edge. Each wiki offers two APIs: the Action API at /w/api.php, which has existed since 2006 and covers almost every feature, and the REST API at /w/rest.php, which offers simpler, cacheable endpoints for reading pages, their history and their HTML, searching, and editing. Tools identify themselves with a descriptive User-Agent and authenticate with OAuth 2.0 tokens issued by Meta-Wiki.

== Governance ==
Each project community sets its own content policies through discussion and consensus. Administrators, bureaucrats and other functionaries are elected by their communities; stewards, elected globally, handle cross-wiki emergencies and rights changes on wikis without local functionaries. The Universal Code of Conduct applies to every project and space. Movement-wide decisions, such as the movement charter and the strategy recommendations, are discussed here on Meta-Wiki.

== History ==
Wikipedia began in January 2001 as a side project of Nupedia, an expert-written encyclopedia that had produced only a handful of articles in its first year. The wiki format proved far more productive: within a year there were more than 20,000 articles and the first language editions beyond English. The Wikimedia Foundation was founded in June 2003 to own the domain names and servers and to support the growing family of projects. Wiktionary had launched in 2002; Wikibooks, Wikiquote and Wikisource followed in 2003, Wikimedia Commons and Wikinews in 2004, Wikispecies in 2004, Wikiversity in 2006, Wikidata in 2012 and Wikivoyage in 2013. Meta-Wiki itself started in 2001 as a place to discuss the running of Wikipedia without cluttering the encyclopedia, and became the coordination wiki for the whole movement.

== Affiliates ==
Chapters, thematic organizations and user groups support the projects in their regions or areas of interest: they run edit-a-thons and photo contests such as Wiki Loves Monuments, partner with libraries, archives and museums, and train new editors. Affiliates are recognized by the Affiliations Committee and many of them receive grants from the Wikimedia Foundation.
`;

function projectsPage(count: number): string {
  const sections = PROJECTS.slice(0, count).map(([name, text]) => `== ${name} ==\n${text}\n\nThe project's content is released under free licences, mostly [https://creativecommons.org/licenses/by-sa/4.0/ CC BY-SA 4.0], and its software, policies and discussions are open to everyone. Volunteers maintain it with tools built on the MediaWiki APIs; bots and gadgets handle repetitive tasks, and administrators elected by the community handle protection, deletion and blocks.\n`);
  return [
    `The '''Wikimedia projects''' are the free-knowledge wikis hosted by the [[Wikimedia Foundation]]. Each is edited by a volunteer community and available in many languages. This page lists them, with a short description of each.\n\n{| class="wikitable"\n! Project !! Launched\n|-\n| Wikipedia || 2001\n|-\n| Wiktionary || 2002\n|-\n| Wikimedia Commons || 2004\n|-\n| Wikidata || 2012\n|}\n`,
    ...sections,
    ...(count >= PROJECTS.length ? [MOVEMENT_SECTIONS] : []),
    `== See also ==\n* [[Wikimedia Foundation]]\n* [https://www.wikimedia.org/ wikimedia.org portal]\n\n[[Category:Wikimedia projects]]\n`,
  ].join("\n");
}

const FOUNDATION = `[[File:Wikimedia-logo.svg|thumb|upright=0.6|The Wikimedia logo]]
The '''Wikimedia Foundation, Inc.''' (WMF) is an American non-profit organization headquartered in San Francisco, California. It hosts [[Wikipedia]] and the other [[Wikimedia projects]], and develops MediaWiki.

== Governance ==
{| class="wikitable"
|+ Board of Trustees (sandbox example)
! Seat !! Selected by !! Term
|-
| Community-and-affiliate-selected || Community vote || 3 years
|-
| Appointed || Board || 3 years
|-
| Founder || — || permanent
|}

== Funding ==
The Foundation is funded mainly by small donations from readers.

[[Category:Wikimedia Foundation]]
`;

const PAGES: SeedPage[] = [
  { title: "Main Page", protection: { edit: "sysop" }, revisions: [{ content: MAIN_PAGE, author: admin, comment: "Create main page", daysAgo: 250 }] },
  {
    title: "Wikimedia projects",
    description: "Overview of the free-knowledge wikis hosted by the Wikimedia Foundation",
    revisions: [
      { content: projectsPage(4), author: editor, comment: "Start page", daysAgo: 90 },
      { content: projectsPage(9), author: ip, comment: "more projects", daysAgo: 70 },
      { content: projectsPage(12), author: newcomer, comment: "add Wikispecies, MediaWiki", daysAgo: 40 },
      { content: projectsPage(PROJECTS.length), author: admin, comment: "add Meta-Wiki and Wikifunctions", daysAgo: 8 },
    ],
  },
  {
    title: "Wikimedia Foundation",
    protection: { edit: "autoconfirmed" },
    description: "American non-profit organization that hosts Wikipedia",
    revisions: [{ content: FOUNDATION, author: admin, comment: "Create page", daysAgo: 240 }],
  },
  { title: "WMF", revisions: [{ content: "#REDIRECT [[Wikimedia Foundation]]", author: admin, comment: "Redirect", daysAgo: 239 }] },
  {
    title: "File:Wikimedia-logo.svg",
    revisions: [{ content: "== Summary ==\nThe logo of the Wikimedia Foundation. A trademark of the Wikimedia Foundation.\n", author: admin, comment: "Description page", daysAgo: 300 }],
  },
];

export const META_WIKI: SeedWiki = { host: "meta.wikimedia.org", pages: PAGES };
