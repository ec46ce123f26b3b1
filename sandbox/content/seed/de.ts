/** Die Seiten der deutschsprachigen Wikipedia im Sandbox-Wiki. */
import { AUTHORS } from "./authors";
import type { SeedPage, SeedWiki } from "./types";

const { editor, newcomer, admin, ip } = AUTHORS;

const HAUPTSEITE = `__NOTOC__
Willkommen in der '''Wikiport-Sandbox''' der [[Wikipedia]] – der freien Enzyklopädie, an der jeder mitarbeiten kann.

== Artikel des Tages ==
[[Datei:Planets2013.svg|mini|Die acht Planeten des Sonnensystems]]
Das '''[[Sonnensystem]]''' ist das Planetensystem, das die [[Sonne]] und die sie umkreisenden Himmelskörper umfasst. Dazu gehören die acht Planeten, deren Monde, die Zwergplaneten und Milliarden von Kleinkörpern. → [[Sonnensystem|Zum Artikel …]]

== Schon gewusst? ==
* … dass das [[Brandenburger Tor]] in [[Berlin]] das einzige erhaltene Stadttor Berlins ist?
* … dass die [[Erde]] der dichteste Planet des Sonnensystems ist?

== Mitmachen ==
* [[Wikipedia:Tutorial|Tutorial]] – Schritt für Schritt zum ersten Artikel
* [https://www.wikimedia.de/ Wikimedia Deutschland] – der Förderverein
`;

const ABSCHNITTE = [
  `{{Kurzbeschreibung|Planetensystem mit der Sonne im Zentrum}}
Das '''Sonnensystem''' ist das [[Planetensystem]], das die [[Sonne]], die sie umkreisenden [[Planet]]en und deren natürliche [[Satellit (Astronomie)|Satelliten]], die [[Zwergplanet]]en und andere [[Kleinkörper]] wie [[Komet]]en, [[Asteroid]]en und [[Meteoroid]]en umfasst. Die Sonne enthält rund 99,86 Prozent der Gesamtmasse des Systems.

Im weiteren Sinn gehören zum Sonnensystem auch die interplanetare Materie, das Sonnenwind-Plasma und das [[Magnetfeld]] der Sonne, das bis an die [[Heliopause]] reicht.

[[Datei:Planets2013.svg|mini|hochkant=1.4|Die acht Planeten des Sonnensystems (Größen maßstabsgetreu, Abstände nicht)]]
`,
  `== Entstehung ==
{{Hauptartikel|Entstehung des Sonnensystems}}
Das Sonnensystem entstand vor etwa 4,6 Milliarden Jahren durch den [[Gravitationskollaps]] eines Teils einer großen [[Molekülwolke]]. Der größte Teil der Masse sammelte sich im Zentrum und bildete die Sonne; der Rest flachte zu einer rotierenden [[Protoplanetare Scheibe|protoplanetaren Scheibe]] ab, aus der durch [[Akkretion (Astronomie)|Akkretion]] die Planeten, Monde und Kleinkörper hervorgingen.

Innerhalb der [[Schneegrenze (Astronomie)|Schneegrenze]] konnten nur Metalle und Silikate kondensieren; dort bildeten sich die vier Gesteinsplaneten. Weiter außen konnten auch Wassereis, Methan und Ammoniak fest werden, sodass die Kerne der Riesenplaneten schnell genug wuchsen, um große Mengen Wasserstoff und Helium an sich zu binden.
`,
  `== Aufbau ==
Die Bahnen der Planeten liegen annähernd in einer Ebene, der [[Ekliptik]]. Alle Planeten umlaufen die Sonne im gleichen Drehsinn, in dem sich auch die Sonne selbst dreht. Man unterscheidet das innere Sonnensystem mit den [[Gesteinsplanet]]en und dem [[Asteroidengürtel]] vom äußeren Sonnensystem mit den [[Gasplanet|Riesenplaneten]], dem [[Kuipergürtel]] und der hypothetischen [[Oortsche Wolke|Oortschen Wolke]].

{| class="wikitable sortable"
|+ Bahndaten der Planeten
! Planet !! Große Halbachse (AE) !! Umlaufzeit (Jahre) !! Monde
|-
| [[Merkur (Planet)|Merkur]] || 0,387 || 0,241 || 0
|-
| [[Venus (Planet)|Venus]] || 0,723 || 0,615 || 0
|-
| [[Erde]] || 1,000 || 1,000 || 1
|-
| [[Mars (Planet)|Mars]] || 1,524 || 1,881 || 2
|-
| [[Jupiter (Planet)|Jupiter]] || 5,203 || 11,86 || 95
|-
| [[Saturn (Planet)|Saturn]] || 9,537 || 29,45 || 146
|-
| [[Uranus (Planet)|Uranus]] || 19,19 || 84,02 || 28
|-
| [[Neptun (Planet)|Neptun]] || 30,07 || 164,8 || 16
|}
`,
  `== Sonne ==
{{Hauptartikel|Sonne}}
[[Datei:Sun in February (black version).png|mini|Die Sonne im extremen Ultraviolett]]
Die [[Sonne]] ist ein [[Hauptreihe]]nstern der [[Spektralklasse]] G2. In ihrem Kern verschmelzen unter einem Druck von rund 200 Milliarden Bar und einer Temperatur von etwa 15 Millionen Kelvin Wasserstoffkerne zu Helium. Die dabei freigesetzte Energie gelangt über Strahlungs- und Konvektionszone an die [[Photosphäre]] und wird von dort ins All abgestrahlt.

Die Sonne ist ein durchschnittlicher Stern: Es gibt in der [[Milchstraße]] weitaus mehr kleinere und kühlere [[Roter Zwerg|Rote Zwerge]] als Sterne ihrer Art. Ihre Leuchtkraft nimmt im Lauf der Zeit langsam zu; in etwa einer Milliarde Jahren wird es auf der Erde für flüssiges Wasser zu heiß sein.
`,
  `== Inneres Sonnensystem ==
=== Merkur ===
[[Merkur (Planet)|Merkur]] ist der sonnennächste und kleinste Planet. Er besitzt keine nennenswerte Atmosphäre; seine Oberfläche ist von Einschlagkratern übersät und ähnelt der des Mondes. Auf der Tagseite steigen die Temperaturen auf über 400 °C, auf der Nachtseite fallen sie auf rund −170 °C.

=== Venus ===
Die [[Venus (Planet)|Venus]] ist fast so groß wie die Erde, doch ihre dichte Kohlendioxid-Atmosphäre erzeugt einen extremen [[Treibhauseffekt]]: Mit rund 460 °C ist sie der heißeste Planet. Der Druck am Boden ist etwa 90-mal so hoch wie auf der Erde.

=== Erde ===
Die [[Erde]] ist der größte der Gesteinsplaneten und der einzige Himmelskörper, auf dem Leben bekannt ist. Rund 71 Prozent ihrer Oberfläche sind von Wasser bedeckt. Ihr einziger natürlicher Satellit ist der [[Mond]].

=== Mars ===
Der [[Mars (Planet)|Mars]] ist etwa halb so groß wie die Erde. Seine rötliche Farbe stammt von Eisenoxid im Staub der Oberfläche. Er hat eine dünne Atmosphäre, die größten bekannten Vulkane des Sonnensystems wie den [[Olympus Mons]] und zwei kleine Monde, [[Phobos (Mond)|Phobos]] und [[Deimos (Mond)|Deimos]].
`,
  `== Asteroidengürtel ==
{{Hauptartikel|Asteroidengürtel}}
Zwischen den Bahnen von Mars und Jupiter kreisen Hunderttausende bekannte [[Asteroid]]en. Ihre Gesamtmasse beträgt nur etwa vier Prozent der Masse des Mondes; rund ein Drittel davon entfällt auf den Zwergplaneten [[Ceres (Zwergplanet)|Ceres]]. Die Schwerkraft Jupiters hat verhindert, dass sich aus diesem Material ein Planet bilden konnte.
`,
  `== Äußeres Sonnensystem ==
=== Jupiter ===
[[Jupiter (Planet)|Jupiter]] ist mit 318 Erdmassen der größte Planet; er ist zweieinhalbmal so massereich wie alle anderen Planeten zusammen. Seine Atmosphäre zeigt auffällige Wolkenbänder und den [[Großer Roter Fleck|Großen Roten Fleck]], einen seit Jahrhunderten bestehenden Wirbelsturm. Die vier größten seiner Monde heißen nach ihrem Entdecker [[Galileische Monde]].

=== Saturn ===
[[Saturn (Planet)|Saturn]] ist vor allem für sein ausgedehntes [[Ringe des Saturn|Ringsystem]] aus Eis- und Gesteinsbrocken bekannt. Seine mittlere Dichte ist geringer als die von Wasser. Sein größter Mond [[Titan (Mond)|Titan]] besitzt als einziger Mond eine dichte Atmosphäre.

=== Uranus ===
[[Uranus (Planet)|Uranus]] wurde 1781 von [[Wilhelm Herschel]] als erster Planet mit einem Teleskop entdeckt. Seine Rotationsachse ist um rund 98 Grad geneigt, er „rollt“ also gewissermaßen auf seiner Bahn um die Sonne.

=== Neptun ===
[[Neptun (Planet)|Neptun]] wurde 1846 aufgrund von Bahnstörungen des Uranus rechnerisch vorhergesagt und kurz darauf von [[Johann Gottfried Galle]] in Berlin gefunden. Auf ihm wurden die höchsten Windgeschwindigkeiten im Sonnensystem gemessen.
`,
  `== Transneptunische Objekte ==
=== Kuipergürtel ===
Jenseits der Neptunbahn erstreckt sich zwischen etwa 30 und 50 AE der [[Kuipergürtel]]. Er enthält vermutlich über 100.000 Objekte mit mehr als 50 Kilometern Durchmesser, darunter die Zwergplaneten [[Pluto (Zwergplanet)|Pluto]], [[Haumea (Zwergplanet)|Haumea]] und [[Makemake (Zwergplanet)|Makemake]]. Pluto galt von seiner Entdeckung 1930 bis 2006 als neunter Planet.

=== Gestreute Scheibe ===
Die [[Gestreute Scheibe]] überlappt den Kuipergürtel, reicht aber weit darüber hinaus. Ihre Objekte, darunter der Zwergplanet [[Eris (Zwergplanet)|Eris]], bewegen sich auf stark exzentrischen und geneigten Bahnen, vermutlich weil sie einst von Neptun gestreut wurden.
`,
  `== Äußerste Bereiche ==
=== Heliosphäre ===
Der [[Sonnenwind]] bläst eine Blase in das [[Interstellare Materie|interstellare Medium]], die [[Heliosphäre]]. An der [[Termination Shock|Randstoßwelle]] in etwa 80 bis 100 AE Entfernung wird er abrupt abgebremst; an der Heliopause endet der Einflussbereich des Sonnenwinds. Die Raumsonden [[Voyager 1]] und [[Voyager 2]] haben die Heliopause 2012 und 2018 durchquert.

=== Oortsche Wolke ===
Die [[Oortsche Wolke]] ist eine hypothetische kugelschalenförmige Ansammlung von bis zu einer Billion eisiger Körper in 50.000 bis 100.000 AE Entfernung. Sie gilt als Herkunftsort der langperiodischen Kometen.
`,
  `== Lage in der Milchstraße ==
Das Sonnensystem befindet sich im [[Orionarm]] der [[Milchstraße]], rund 26.000 Lichtjahre vom galaktischen Zentrum entfernt. Es umrundet dieses mit etwa 220 Kilometern pro Sekunde und benötigt für einen Umlauf rund 230 Millionen Jahre, ein sogenanntes [[Galaktisches Jahr]]. Der nächste Stern, [[Proxima Centauri]], ist etwa 4,2 Lichtjahre entfernt.
`,
  `== Erforschung ==
{{Hauptartikel|Erforschung des Sonnensystems}}
Seit der Antike sind die fünf mit bloßem Auge sichtbaren Planeten bekannt. [[Nikolaus Kopernikus]] stellte 1543 das [[Heliozentrisches Weltbild|heliozentrische Weltbild]] vor, [[Johannes Kepler]] fand die nach ihm benannten [[Keplersche Gesetze|Gesetze der Planetenbewegung]] und [[Galileo Galilei]] entdeckte 1610 mit dem Fernrohr die vier großen Jupitermonde.

Seit Beginn der [[Raumfahrt]] haben Raumsonden alle Planeten besucht. [[Mariner 2]] flog 1962 als erste erfolgreiche Planetensonde an der Venus vorbei; [[New Horizons]] passierte 2015 den Zwergplaneten Pluto.
`,
  `== Definition eines Planeten ==
Bis 2006 gab es keine verbindliche Definition des Begriffs „Planet“. Nachdem jenseits der Neptunbahn immer mehr Objekte entdeckt worden waren, die ähnlich groß wie Pluto sind – allen voran [[Eris (Zwergplanet)|Eris]] –, beschloss die [[Internationale Astronomische Union]] auf ihrer Generalversammlung in Prag eine Definition: Ein Planet umläuft die Sonne, ist massereich genug, um durch seine eigene Schwerkraft eine annähernd runde Form anzunehmen, und hat die Umgebung seiner Bahn von anderen Objekten „bereinigt“. Körper, die nur die ersten beiden Bedingungen erfüllen, heißen seither [[Zwergplanet]]en.

Die Entscheidung war unter Astronomen umstritten und wird es in Teilen bis heute. Kritiker wenden ein, dass auch die Erde, Jupiter und Neptun ihre Bahnen nicht vollständig bereinigt haben, da sie Asteroiden oder Kuipergürtel-Objekte mit sich führen. Befürworter halten dagegen, dass die Masse eines Planeten die der übrigen Körper in seiner Bahnzone um viele Größenordnungen übertrifft.
`,
  `== Zwergplaneten ==
{| class="wikitable sortable"
|+ Anerkannte und wahrscheinliche Zwergplaneten
! Name !! Region !! Durchmesser (km) !! Entdeckt
|-
| [[Ceres (Zwergplanet)|Ceres]] || Asteroidengürtel || 939 || 1801
|-
| [[Pluto (Zwergplanet)|Pluto]] || Kuipergürtel || 2377 || 1930
|-
| [[Haumea (Zwergplanet)|Haumea]] || Kuipergürtel || ca. 1600 || 2004
|-
| [[Makemake (Zwergplanet)|Makemake]] || Kuipergürtel || ca. 1430 || 2005
|-
| [[Eris (Zwergplanet)|Eris]] || Gestreute Scheibe || 2326 || 2005
|}

Von der IAU offiziell als Zwergplaneten anerkannt sind nur diese fünf Körper. Viele Astronomen halten jedoch auch [[Orcus (Zwergplanet)|Orcus]], [[Quaoar (Zwergplanet)|Quaoar]], [[Gonggong (Zwergplanet)|Gonggong]] und [[Sedna (Zwergplanet)|Sedna]] für groß genug, um im hydrostatischen Gleichgewicht zu sein.
`,
  `== Monde ==
Mit Ausnahme von Merkur und Venus besitzen alle Planeten natürliche Satelliten. Die Erde hat einen einzigen, vergleichsweise großen Mond; Mars wird von zwei winzigen, unregelmäßig geformten Monden umkreist. Die Riesenplaneten dagegen haben jeweils ganze Mondsysteme: Saturn und Jupiter zusammen mehr als 240 bekannte Monde, die meisten davon nur wenige Kilometer groß und vermutlich eingefangene Kleinkörper.

Einige Monde sind selbst bemerkenswerte Welten. Der Jupitermond [[Io (Mond)|Io]] ist der vulkanisch aktivste Körper des Sonnensystems, unter der Eiskruste von [[Europa (Mond)|Europa]] und des Saturnmondes [[Enceladus (Mond)|Enceladus]] werden Ozeane aus flüssigem Wasser vermutet, und der Jupitermond [[Ganymed (Mond)|Ganymed]] ist größer als der Planet Merkur.
`,
  `== Kometen und Meteoroiden ==
[[Komet]]en sind kleine Körper aus Eis, Staub und Gestein, meist nur wenige Kilometer groß. Nähern sie sich der Sonne, verdampft ein Teil ihres Eises; es bildet sich eine Gashülle, die [[Koma (Astronomie)|Koma]], und oft ein langer Schweif, der stets von der Sonne weg zeigt. Kurzperiodische Kometen stammen vermutlich aus dem Kuipergürtel und der Gestreuten Scheibe, langperiodische aus der Oortschen Wolke. Der bekannteste Komet, der [[Halleyscher Komet|Halleysche Komet]], kehrt etwa alle 76 Jahre zurück; zuletzt war er 1986 in Sonnennähe.

[[Meteoroid]]en sind kleinere Bruchstücke von Asteroiden und Kometen. Dringen sie in die Erdatmosphäre ein, leuchten sie als [[Meteor]]e auf; erreichen Reste davon den Boden, spricht man von [[Meteorit]]en. Regelmäßige [[Meteorstrom|Meteorströme]] wie die Perseiden im August entstehen, wenn die Erde die Staubspur eines Kometen kreuzt.
`,
  `== Zukunft ==
In etwa fünf Milliarden Jahren wird der Wasserstoffvorrat im Kern der Sonne erschöpft sein. Die Sonne wird sich dann zu einem [[Roter Riese|Roten Riesen]] aufblähen, dessen Radius bis nahe an die heutige Erdbahn reichen könnte; Merkur und Venus werden dabei sehr wahrscheinlich verschluckt. Ob die Erde dasselbe Schicksal erleidet, ist ungewiss, weil die Sonne in dieser Phase auch viel Masse verliert und die Planetenbahnen sich dadurch nach außen verschieben.

Am Ende wird die Sonne ihre äußeren Schichten als [[Planetarischer Nebel|planetarischen Nebel]] abstoßen. Zurück bleibt ein [[Weißer Zwerg]] von etwa der Größe der Erde, der über Milliarden von Jahren langsam auskühlt.
`,
  `== Siehe auch ==
* [[Liste der Monde von Planeten und Zwergplaneten]]
* [[Planetenweg]]

== Weblinks ==
* [https://solarsystem.nasa.gov/ NASA: Solar System Exploration] (englisch)
* [https://www.dlr.de/ Deutsches Zentrum für Luft- und Raumfahrt]

[[Kategorie:Sonnensystem| ]]
`,
];

function sonnensystem(anzahl: number): string {
  return ABSCHNITTE.slice(0, anzahl).join("\n");
}

const BERLIN = `{{Kurzbeschreibung|Hauptstadt der Bundesrepublik Deutschland}}
[[Datei:Brandenburger Tor abends.png|mini|Das [[Brandenburger Tor]] am Abend]]
'''Berlin''' ist die [[Hauptstadt]] und ein [[Land (Deutschland)|Land]] der [[Deutschland|Bundesrepublik Deutschland]]. Mit rund 3,9 Millionen Einwohnern ist Berlin die bevölkerungsreichste Gemeinde Deutschlands.

== Geographie ==
Berlin liegt im Nordosten Deutschlands in einem eiszeitlich geprägten Urstromtal an der [[Spree]] und der [[Havel]].

{| class="wikitable"
|+ Bezirke (Auswahl)
! Bezirk !! Einwohner !! Fläche (km²)
|-
| [[Berlin-Mitte|Mitte]] || 397.134 || 39,47
|-
| [[Bezirk Pankow|Pankow]] || 424.307 || 103,01
|-
| [[Bezirk Friedrichshain-Kreuzberg|Friedrichshain-Kreuzberg]] || 293.454 || 20,16
|-
| [[Bezirk Spandau|Spandau]] || 257.091 || 91,91
|}

== Geschichte ==
Die Doppelstadt Berlin-Cölln wurde im 13. Jahrhundert gegründet. Von 1961 bis 1989 teilte die [[Berliner Mauer]] die Stadt.

== Weblinks ==
* [https://www.berlin.de/ Offizielle Website]

[[Kategorie:Berlin| ]]
`;

const ERDE = `{{Kurzbeschreibung|Dritter Planet des Sonnensystems}}
[[Datei:The Earth seen from Apollo 17.png|mini|Die Erde, aufgenommen von Apollo 17]]
Die '''Erde''' ist der dichteste, fünftgrößte und der Sonne drittnächste [[Planet]] des [[Sonnensystem]]s. Sie ist Ursprungsort und Heimat aller bekannten Lebewesen.

== Aufbau ==
Die Erde besteht aus einem Eisen-Nickel-[[Erdkern|Kern]], dem [[Erdmantel]] und der [[Erdkruste]].

[[Kategorie:Erde| ]]
`;

function dateiBeschreibung(text: string, urheber: string): string {
  return `== Beschreibung ==
{| class="wikitable"
! Beschreibung
| ${text}
|-
! Quelle
| Wikimedia Commons
|-
! Urheber
| ${urheber}
|}

== Lizenz ==
Diese Datei steht unter der Lizenz „Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 international“.
`;
}

const PAGES: SeedPage[] = [
  {
    title: "Wikipedia:Hauptseite",
    protection: { edit: "sysop" },
    revisions: [{ content: HAUPTSEITE, author: admin, comment: "Hauptseite angelegt", daysAgo: 210 }],
  },
  {
    title: "Sonnensystem",
    description: "Planetensystem mit der Sonne im Zentrum",
    revisions: [
      { content: sonnensystem(2), author: editor, comment: "Neuer Artikel", daysAgo: 120 },
      { content: sonnensystem(4), author: admin, comment: "Aufbau und Sonne ergänzt", daysAgo: 100 },
      { content: sonnensystem(7), author: ip, comment: "Planeten", daysAgo: 80 },
      { content: sonnensystem(10), author: editor, comment: "Transneptunische Objekte, äußerste Bereiche, Lage", daysAgo: 50 },
      { content: sonnensystem(ABSCHNITTE.length), author: newcomer, comment: "Erforschung, Weblinks", daysAgo: 15 },
      { content: sonnensystem(ABSCHNITTE.length).replace("Hunderttausende bekannte", "über eine Million bekannte"), author: editor, comment: "aktualisiert", minor: true, daysAgo: 3 },
    ],
  },
  {
    title: "Berlin",
    protection: { edit: "autoconfirmed" },
    description: "Hauptstadt der Bundesrepublik Deutschland",
    revisions: [
      { content: BERLIN.replace("3,9 Millionen", "3,8 Millionen"), author: editor, comment: "Neuer Artikel", daysAgo: 190 },
      { content: BERLIN, author: admin, comment: "Einwohnerzahl aktualisiert", daysAgo: 25 },
    ],
  },
  { title: "Erde", description: "Dritter Planet des Sonnensystems", revisions: [{ content: ERDE, author: editor, comment: "Neuer Artikel", daysAgo: 170 }] },
  { title: "Planet Erde", revisions: [{ content: "#REDIRECT [[Erde]]", author: editor, comment: "Weiterleitung nach [[Erde]]", daysAgo: 169 }] },
  {
    title: "Datei:Brandenburger Tor abends.png",
    revisions: [{ content: dateiBeschreibung("Das Brandenburger Tor in Berlin am Abend.", "Thomas Wolf"), author: admin, comment: "Dateibeschreibung", daysAgo: 300 }],
  },
  {
    title: "Datei:Planets2013.svg",
    revisions: [{ content: dateiBeschreibung("Die acht Planeten des Sonnensystems.", "WP"), author: admin, comment: "Dateibeschreibung", daysAgo: 300 }],
  },
];

export const DE_WIKI: SeedWiki = { host: "de.wikipedia.org", pages: PAGES };
