/** English Wikipedia's seeded pages. */
import { AUTHORS } from "./authors";
import { SOLAR_SYSTEM_SECTIONS, solarSystemText } from "./en-solar-system";
import { HOSTILE_MARKUP_HTML, HOSTILE_MARKUP_WIKITEXT } from "./hostile";
import type { SeedPage, SeedRevision, SeedWiki } from "./types";

const { editor, newcomer, admin, ip, ip2 } = AUTHORS;

const MAIN_PAGE = `<div id="mp-topbanner">
Welcome to the '''Wikiport sandbox''' copy of [[Wikipedia]], the free encyclopedia that anyone can edit.
</div>

== From today's featured article ==
[[File:The Earth seen from Apollo 17.png|thumb|upright=0.8|The Blue Marble]]
The '''[[Solar System]]''' is the gravitationally bound system of the [[Sun]] and the objects that orbit it. The largest of these objects are the eight planets, in order from the Sun: four terrestrial planets named [[Mercury (planet)|Mercury]], [[Venus]], [[Earth]] and [[Mars]]; two gas giants named [[Jupiter]] and [[Saturn]]; and two ice giants named [[Uranus]] and [[Neptune]]. ('''[[Solar System|Full article...]]''')

== Did you know ... ==
* ... that the [[Moon]] is slowly moving away from [[Earth]], at about 3.8 centimetres per year?
* ... that a day on [[Venus]] is longer than its year?
* ... that this sandbox keeps a page of [[Sandbox/Hostile markup|hostile markup]] to test HTML sanitizers?

== Other areas of Wikipedia ==
* [[Wikipedia:Community portal|Community portal]] – The central hub for editors, with resources, links, tasks, and announcements.
* [[Wikipedia:Help desk|Help desk]] – Ask questions about using or editing Wikipedia.
* [https://www.wikimediafoundation.org/ Wikimedia Foundation] – The non-profit organization that hosts Wikipedia.

__NOTOC__
`;

const EARTH_V1 = `'''Earth''' is the third [[planet]] from the [[Sun]] and the only astronomical object known to harbor [[life]]. About 71% of Earth's surface is made up of the [[ocean]].

== Surface ==
Mostly water.
`;

const EARTH = `{{Short description|Third planet from the Sun}}
[[File:The Earth seen from Apollo 17.png|thumb|upright|''[[The Blue Marble]]'', photographed by the crew of [[Apollo 17]] in 1972]]
'''Earth''' is the third [[planet]] from the [[Sun]] and the only astronomical object known to harbor [[life]]. This is enabled by Earth being an [[ocean world]], the only one in the [[Solar System]] sustaining liquid [[surface water]]. Almost all of Earth's water is contained in its global ocean, covering 70.8% of [[Earth's crust]].

== Etymology ==
The Modern English word ''Earth'' developed, via [[Middle English]], from an [[Old English]] noun most often spelled ''eorðe''. It has [[cognate]]s in every [[Germanic language]].

== Physical characteristics ==
{| class="wikitable"
|+ Physical characteristics
! Property !! Value
|-
| Mean radius || 6,371.0&nbsp;km
|-
| Mass || 5.972&nbsp;×&nbsp;10<sup>24</sup>&nbsp;kg
|-
| Surface gravity || 9.807&nbsp;m/s<sup>2</sup>
|-
| Sidereal rotation period || 0.997 days (23h 56m 4s)
|-
| Natural satellites || 1 ([[Moon]])
|}

=== Shape ===
Earth has a rounded shape, through [[hydrostatic equilibrium]], with an average diameter of 12,742 kilometres, making it the fifth largest planetary sized and largest [[terrestrial planet|terrestrial]] object of the Solar System.

== Orbit and rotation ==
Earth orbits the Sun at an average distance of about 150 million km (93 million mi) every 365.2564 mean [[solar day]]s, or one [[sidereal year]].

== Moon ==
[[File:FullMoon2010.png|thumb|left|The full [[Moon]] as seen from Earth's northern hemisphere]]
The [[Moon]] is a relatively large, [[terrestrial planet|terrestrial]], planet-like natural satellite, with a diameter about one-quarter of Earth's.

== See also ==
* [[Solar System]]
* [[Earth science]]

== External links ==
* [https://earthobservatory.nasa.gov/ NASA Earth Observatory]

[[Category:Earth| ]]
[[Category:Planets of the Solar System]]
`;

const MOON = `{{Short description|Natural satellite of Earth}}
[[File:FullMoon2010.png|thumb|The [[Full moon|full Moon]]]]
The '''Moon''' is [[Earth]]'s only [[natural satellite]]. It [[orbit]]s at an average distance of 384,400&nbsp;km (238,900&nbsp;mi), about 30 times Earth's diameter. The Moon always presents the same side to Earth, because gravitational pull has [[tidal locking|locked]] its rotation to the planet.

== Formation ==
The Moon formed about 4.51 billion years ago, not long after Earth, most likely out of the debris of a [[giant-impact hypothesis|giant impact]] between Earth and a Mars-sized body called [[Theia (planet)|Theia]].

== Exploration ==
The Moon is the only celestial body visited by humans: twelve astronauts walked on its surface during the [[Apollo program]] between 1969 and 1972.

[[Category:Moon| ]]
`;

const SUN = `{{Short description|Star at the centre of the Solar System}}
[[File:Sun in February (black version).png|thumb|The Sun in extreme ultraviolet light]]
The '''Sun''' is the [[star]] at the centre of the [[Solar System]]. It is a massive, nearly perfect sphere of hot [[Plasma (physics)|plasma]], heated to [[incandescence]] by [[nuclear fusion]] reactions in its core, radiating the energy from its surface mainly as [[visible light]] and [[infrared]] radiation with 10% at [[ultraviolet]] energies.

== Characteristics ==
The Sun is a [[G-type main-sequence star]] that makes up about 99.86% of the mass of the Solar System. Its diameter is about 1,391,400&nbsp;km, 109 times that of Earth.

[[Category:Sun| ]]
`;

function fileDescription(summary: string, author: string): string {
  return `== Summary ==
{| class="wikitable"
! Description
| ${summary}
|-
! Source
| Wikimedia Commons
|-
! Author
| ${author}
|}

== Licensing ==
This file is licensed under the [[w:en:Creative Commons|Creative Commons]] Attribution-Share Alike 4.0 International license.
`;
}

/** The long article grows one section per revision, with a vandal edit and its rollback on the way. */
function solarSystemRevisions(): SeedRevision[] {
  const revisions: SeedRevision[] = [
    { content: solarSystemText(0), author: editor, comment: "Start article: lead section", daysAgo: 140 },
  ];
  const authors = [editor, admin, ip, editor, newcomer, editor, admin, editor];
  SOLAR_SYSTEM_SECTIONS.forEach((section, index) => {
    const heading = /^=+\s*(.+?)\s*=+/.exec(section)?.[1] ?? "section";
    const author = authors[index % authors.length]!;
    revisions.push({
      content: solarSystemText(index + 1),
      author,
      comment: `/* ${heading} */ new section`,
      daysAgo: 130 - index * 6,
      tags: author.id === 0 ? ["visualeditor"] : [],
    });
    if (index === 6) {
      const last = revisions[revisions.length - 1]!.content;
      revisions.push({
        content: last.replace("The Solar System is dominated by the Sun", "The Solar System is dominated by the Sun, which is LOL"),
        author: ip2, comment: "", daysAgo: 93, tags: ["mw-reverted"],
      });
      revisions.push({
        content: last, author: admin, daysAgo: 93 - 0.01, tags: ["mw-rollback"],
        comment: `Reverted edits by [[Special:Contributions/${ip2.name}|${ip2.name}]] ([[User talk:${ip2.name}|talk]]) to last version by ${author.name}`,
      });
    }
  });
  const full = solarSystemText(SOLAR_SYSTEM_SECTIONS.length);
  const copyedited = full.replace("the Kuiper belt of mostly icy objects", "the Kuiper belt of mostly icy bodies");
  revisions.push({
    content: copyedited,
    author: editor, comment: "copyedit", minor: true, daysAgo: 20,
  });
  revisions.push({
    content: copyedited.replace("which will occur roughly 5 billion years from now", "which will occur about 5 billion years from now"),
    author: newcomer, comment: "typo", minor: true, daysAgo: 6,
  });
  return revisions;
}

const PAGES: SeedPage[] = [
  {
    title: "Main Page",
    protection: { edit: "sysop" },
    revisions: [
      { content: MAIN_PAGE.replace("== Did you know ... ==", "== In the news ==\n* Nothing yet.\n\n== Did you know ... =="), author: admin, comment: "Create main page", daysAgo: 200 },
      { content: MAIN_PAGE, author: admin, comment: "Replace \"In the news\" with \"Did you know\"", daysAgo: 30 },
    ],
  },
  { title: "Solar System", description: "The Sun and objects orbiting it", revisions: solarSystemRevisions() },
  {
    title: "Earth",
    protection: { edit: "autoconfirmed" },
    description: "Third planet from the Sun",
    revisions: [
      { content: EARTH_V1, author: editor, comment: "Create page", daysAgo: 180 },
      { content: EARTH_V1 + "\nEarth is round.\n", author: ip, comment: "", daysAgo: 170 },
      { content: EARTH, author: editor, comment: "Expand: etymology, physical characteristics (table), orbit, images", daysAgo: 160 },
      { content: EARTH.replace("0.997 days", "0.997&nbsp;days"), author: admin, comment: "Semi-protected after repeated vandalism", minor: true, daysAgo: 40 },
    ],
  },
  {
    title: "Moon",
    description: "Natural satellite of Earth",
    revisions: [
      { content: MOON.split("\n== Exploration ==")[0]! + "\n[[Category:Moon| ]]\n", author: newcomer, comment: "New article", daysAgo: 60 },
      { content: MOON, author: editor, comment: "/* Exploration */ new section", daysAgo: 12 },
    ],
  },
  { title: "Sun", description: "Star at the centre of the Solar System", revisions: [{ content: SUN, author: editor, comment: "New article", daysAgo: 150 }] },
  { title: "Planet Earth", revisions: [{ content: "#REDIRECT [[Earth]]\n\n{{R from alternative name}}", author: editor, comment: "Redirect to [[Earth]]", daysAgo: 159 }] },
  { title: "The Solar System", revisions: [{ content: "#REDIRECT [[Solar System]]", author: admin, comment: "Redirect", daysAgo: 100 }] },
  {
    title: "Sandbox/Hostile markup",
    description: "Fixture: markup an HTML sanitizer must neutralize",
    revisions: [{ content: HOSTILE_MARKUP_WIKITEXT, htmlOverride: HOSTILE_MARKUP_HTML, author: admin, comment: "Sanitizer test fixture", daysAgo: 10 }],
  },
  {
    title: "File:The Earth seen from Apollo 17.png",
    revisions: [{ content: fileDescription("The Blue Marble: Earth seen from Apollo 17 on 7 December 1972.", "NASA"), author: admin, comment: "Description page", daysAgo: 300 }],
  },
  {
    title: "File:Planets2013.svg",
    revisions: [{ content: fileDescription("The eight planets of the Solar System, sizes to scale.", "WP"), author: admin, comment: "Description page", daysAgo: 300 }],
  },
  {
    title: "File:Sun in February (black version).png",
    revisions: [{ content: fileDescription("The Sun in extreme ultraviolet light (SDO/AIA).", "NASA/SDO"), author: admin, comment: "Description page", daysAgo: 300 }],
  },
  {
    title: "File:FullMoon2010.png",
    revisions: [{ content: fileDescription("Full Moon as seen from the northern hemisphere.", "Gregory H. Revera"), author: admin, comment: "Description page", daysAgo: 300 }],
  },
];

export const EN_WIKI: SeedWiki = { host: "en.wikipedia.org", pages: PAGES };
