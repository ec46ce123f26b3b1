/**
 * The long English article: written section by section, so its history can grow the way a real article
 * grows (each seeded revision adds or revises a section).
 */
export const SOLAR_SYSTEM_LEAD = `{{Short description|The Sun and objects orbiting it}}
The '''Solar System''' is the [[gravity|gravitationally]] bound system of the [[Sun]] and the objects that orbit it. It formed about 4.6 billion years ago when a dense region of a [[molecular cloud]] collapsed, forming the Sun and a [[protoplanetary disc]]. The Sun is a typical [[star]] that maintains a [[hydrostatic equilibrium|balanced equilibrium]] by the [[nuclear fusion|fusion]] of hydrogen into helium at its [[solar core|core]], releasing this energy from its outer [[photosphere]]. Astronomers classify it as a [[G-type main-sequence star]].

The largest objects that orbit the Sun are the eight [[planet]]s. In order from the Sun, they are four [[terrestrial planet]]s ([[Mercury (planet)|Mercury]], [[Venus]], [[Earth]] and [[Mars]]); two [[gas giant]]s ([[Jupiter]] and [[Saturn]]); and two [[ice giant]]s ([[Uranus]] and [[Neptune]]). All terrestrial planets have solid surfaces. Inversely, all giant planets do not have a definite surface, as they are mainly composed of gases and liquids. Over 99.86% of the Solar System's mass is in the Sun and nearly 90% of the remaining mass is in Jupiter and Saturn.

There is a strong consensus among astronomers that the Solar System has at least nine [[dwarf planet]]s: [[Ceres (dwarf planet)|Ceres]], [[Orcus]], [[Pluto]], [[Haumea]], [[Quaoar]], [[Makemake]], [[Gonggong]], [[Eris (dwarf planet)|Eris]], and [[Sedna (dwarf planet)|Sedna]]. There are a vast number of [[small Solar System body|small Solar System bodies]], such as [[asteroid]]s, [[comet]]s, [[centaur (small Solar System body)|centaurs]], [[meteoroid]]s, and [[interplanetary dust cloud|interplanetary dust clouds]]. Some of these bodies are in the [[asteroid belt]] (between Mars's and Jupiter's orbit) and the [[Kuiper belt]] (just outside Neptune's orbit).

[[File:Planets2013.svg|thumb|upright=1.4|The eight planets of the Solar System, with sizes to scale but distances not to scale]]
`;

export const SOLAR_SYSTEM_SECTIONS: readonly string[] = [
  `== Formation and evolution ==
{{Main|Formation and evolution of the Solar System}}
The Solar System formed at least 4.568 billion years ago from the [[gravitational collapse]] of a region within a large [[molecular cloud]]. This initial cloud was likely several [[light-year]]s across and probably birthed several stars. As is typical of molecular clouds, this one consisted mostly of hydrogen, with some helium, and small amounts of heavier elements fused by previous generations of stars.

As the pre-solar nebula collapsed, [[conservation of angular momentum]] caused it to rotate faster. The center, where most of the mass collected, became increasingly hotter than the surroundings. As the contracting nebula spun faster, it began to flatten into a [[protoplanetary disc]] with a diameter of roughly 200 [[astronomical unit|AU]] and a hot, dense [[protostar]] at the center. The planets formed by [[accretion (astrophysics)|accretion]] from this disc, in which dust and gas gravitationally attracted each other, coalescing to form ever larger bodies.

Hundreds of protoplanets may have existed in the early Solar System, but they either merged or were destroyed or ejected, leaving the planets, dwarf planets, and leftover [[minor planet|minor bodies]]. Due to their higher boiling points, only metals and silicates could exist in solid form in the warm inner Solar System close to the Sun (within the [[frost line (astrophysics)|frost line]]). They would eventually form the rocky planets of Mercury, Venus, Earth, and Mars.
`,
  `=== Future ===
The Sun will remain roughly as it is today until the hydrogen in its core has been entirely converted to helium, which will occur roughly 5 billion years from now. This will mark the end of the Sun's main-sequence life. At that time, the core of the Sun will contract with hydrogen fusion occurring along a shell surrounding the inert helium, and the energy output will be greater than at present. The outer layers of the Sun will expand to roughly 260 times its current diameter, and the Sun will become a [[red giant]].

Eventually, the Sun's outer layers will be ejected, leaving a dense type of star known as a [[white dwarf]]. The ejected outer layers may form a [[planetary nebula]], returning some of the material that formed the Sun—but now enriched with heavier elements like carbon—to the [[interstellar medium]].
`,
  `== Structure and composition ==
The Solar System is dominated by the Sun, which contains about 99.86% of the system's known mass. The remaining mass is mostly contained in the planets, with Jupiter and Saturn together comprising more than 90% of it.

=== Orbits ===
The planets and other large objects in orbit around the Sun lie near the plane of Earth's orbit, known as the [[ecliptic]]. Smaller icy objects such as comets frequently orbit at significantly greater angles to this plane. Most of the planets in the Solar System have secondary systems of their own, being orbited by [[natural satellite]]s called moons. All of the planets orbit the Sun in the same direction as the Sun rotates (counter-clockwise, as seen from above Earth's north pole).

{| class="wikitable sortable"
|+ Orbital characteristics of the planets
! Planet !! Semi-major axis (AU) !! Orbital period (years) !! Eccentricity
|-
| [[Mercury (planet)|Mercury]] || 0.387 || 0.241 || 0.206
|-
| [[Venus]] || 0.723 || 0.615 || 0.007
|-
| [[Earth]] || 1.000 || 1.000 || 0.017
|-
| [[Mars]] || 1.524 || 1.881 || 0.093
|-
| [[Jupiter]] || 5.203 || 11.86 || 0.048
|-
| [[Saturn]] || 9.537 || 29.45 || 0.054
|-
| [[Uranus]] || 19.19 || 84.02 || 0.047
|-
| [[Neptune]] || 30.07 || 164.8 || 0.009
|}
`,
  `=== Composition ===
The overall structure of the charted regions of the Solar System consists of the Sun, four smaller inner planets surrounded by a belt of mostly rocky asteroids, and four giant planets surrounded by the Kuiper belt of mostly icy objects. Astronomers sometimes informally divide this structure into separate regions: the inner Solar System including the four terrestrial planets and the asteroid belt, the outer Solar System including the four giant planets, and the trans-Neptunian region beyond Neptune.

The principal component of the Solar System is the Sun, a [[main-sequence]] star that contains 99.86% of the system's known mass and dominates it gravitationally. The Sun's four largest orbiting bodies, the giant planets, account for 99% of the remaining mass, with Jupiter and Saturn together comprising more than 90%.
`,
  `=== Distances and scales ===
The [[astronomical unit]] (AU) is the average distance between the Earth and the Sun, about 150 million kilometres (93 million miles). Jupiter, the largest planet, is 5.2 AU from the Sun and has a radius of 71,000 km, whereas the most distant planet, Neptune, is 30 AU from the Sun. Some [[Solar System model]]s attempt to convey the relative scales involved in the Solar System on human terms. Some are small in scale (and may be mechanical—called [[orrery|orreries]]), whereas others extend across cities or regional areas.
`,
  `== Sun ==
{{Main|Sun}}
[[File:Sun in February (black version).png|thumb|The Sun in extreme ultraviolet light]]
The [[Sun]] is the Solar System's star and by far its most massive component. Its large mass (332,900 Earth masses), which comprises 99.86% of all the mass in the Solar System, produces temperatures and densities in its [[solar core|core]] high enough to sustain [[nuclear fusion]] of hydrogen into helium. This releases an enormous amount of [[energy]], mostly [[electromagnetic radiation|radiated]] into space as [[sunlight]] peaking in [[visible light]].

Because the Sun fuses hydrogen at its core, it is a main-sequence star. More specifically, it is a [[G2-type main-sequence star]]. Hotter main-sequence stars are more luminous but shorter lived. The Sun's temperature is intermediate between that of the hottest stars and that of the coolest stars. Stars brighter and hotter than the Sun are rare, whereas substantially dimmer and cooler stars, known as [[red dwarf]]s, make up about 75% of the fusor stars in the Milky Way.
`,
  `== Inner Solar System ==
The inner Solar System is the region comprising the terrestrial planets and the asteroid belt. Composed mainly of [[silicate]]s and metals, the objects of the inner Solar System are relatively close to the Sun; the radius of this entire region is less than the distance between the orbits of Jupiter and Saturn.

=== Mercury ===
[[Mercury (planet)|Mercury]] (0.31–0.59 AU from the Sun) is the closest planet to the Sun. The smallest planet in the Solar System (0.055 Earth masses), Mercury has no natural satellites. The dominant geological features are impact craters or basins with ejecta blankets, the remains of early volcanic activity including magma flows, and lobed ridges or rupes that were probably produced by a period of contraction early in the planet's history.

=== Venus ===
[[Venus]] (0.72–0.73 AU) is close in size to Earth (0.815 Earth masses) and, like Earth, has a thick silicate mantle around an iron core, a substantial atmosphere, and evidence of internal geological activity. It is much drier than Earth, and its atmosphere is ninety times as dense. Venus has no natural satellites. It is the hottest planet, with surface temperatures over 400&nbsp;°C, mainly due to the amount of [[greenhouse gas]]es in the atmosphere.
`,
  `=== Earth ===
[[Earth]] (0.98–1.02 AU) is the largest and densest of the inner planets, the only one known to have current geological activity, and the only place in the universe where [[life]] is known to exist. Its liquid [[hydrosphere]] is unique among the terrestrial planets, and it is the only planet where [[plate tectonics]] has been observed. Earth's atmosphere is radically different from those of the other planets, having been altered by the presence of life to contain 21% free [[oxygen]]. It has one natural satellite, the [[Moon]], the only large satellite of a terrestrial planet in the Solar System.

=== Mars ===
[[Mars]] (1.38–1.67 AU) is smaller than Earth and Venus (0.107 Earth masses). It has an atmosphere of mostly [[carbon dioxide]] with a surface pressure of 6.1 millibars (roughly 0.6% of that of Earth). Its surface, peppered with volcanoes, such as [[Olympus Mons]], and rift valleys, such as [[Valles Marineris]], shows geological activity that may have persisted until as recently as 2 million years ago. Its red colour comes from [[iron oxide]] (rust) in its soil. Mars has two tiny natural satellites ([[Deimos (moon)|Deimos]] and [[Phobos (moon)|Phobos]]) thought to be either captured asteroids, or ejected debris from a massive impact early in Mars's history.
`,
  `== Asteroid belt ==
{{Main|Asteroid belt}}
[[Asteroid]]s except for the largest, Ceres, are classified as small Solar System bodies and are composed mainly of carbonaceous, refractory rocky and metallic minerals, with some ice. They range from a few metres to hundreds of kilometres in size. Many asteroids are divided into [[asteroid group]]s and families based on their orbital characteristics.

The asteroid belt occupies a [[torus]]-shaped region between 2.3 and 3.3 AU from the Sun, which lies between the orbits of Mars and Jupiter. It is thought to be remnants from the Solar System's formation that failed to coalesce because of the gravitational interference of Jupiter. The asteroid belt contains tens of thousands, possibly millions, of objects over one kilometre in diameter. Despite this, the total mass of the asteroid belt is unlikely to be more than a thousandth of that of Earth.
`,
  `== Outer Solar System ==
The outer region of the Solar System is home to the giant planets and their large moons. The centaurs and many short-period comets also orbit in this region. Due to their greater distance from the Sun, the solid objects in the outer Solar System contain a higher proportion of volatiles, such as water, ammonia, and methane, than those of the inner Solar System because the lower temperatures allow these compounds to remain solid.

=== Jupiter ===
[[Jupiter]] (4.95–5.46 AU), at 318 Earth masses, is 2.5 times the mass of all the other planets put together. It is composed largely of [[hydrogen]] and [[helium]]. Jupiter's strong internal heat creates semi-permanent features in its atmosphere, such as cloud bands and the [[Great Red Spot]]. The planet possesses a 4.2–14 [[Gauss (unit)|Gauss]] strength magnetosphere that spans 22–29 million km, making it, in certain respects, the largest object in the Solar System. Jupiter has 95 known satellites. The four largest, [[Ganymede (moon)|Ganymede]], [[Callisto (moon)|Callisto]], [[Io (moon)|Io]], and [[Europa (moon)|Europa]], are called the [[Galilean moons]].

=== Saturn ===
[[Saturn]] (9.08–10.12 AU), distinguished by its extensive [[rings of Saturn|ring system]], has several similarities to Jupiter, such as its atmospheric composition and magnetosphere. Although Saturn has 60% of Jupiter's volume, it is less than a third as massive, at 95 Earth masses. Saturn is the only planet of the Solar System that is less dense than water. The rings of Saturn are made up of small ice and rock particles.
`,
  `=== Uranus ===
[[Uranus]] (18.3–20.1 AU), at 14 Earth masses, has the lowest mass of the outer planets. Uniquely among the planets, it orbits the Sun on its side; its [[axial tilt]] is over ninety degrees to the [[ecliptic]]. This gives the planet extreme seasonal variation as each pole points toward and then away from the Sun. It has a much colder core than the other giant planets and radiates very little heat into space. As a consequence, it has the coldest planetary atmosphere in the Solar System.

=== Neptune ===
[[Neptune]] (29.9–30.5 AU), though slightly smaller than Uranus, is more massive (17 Earth masses) and hence more dense. It radiates more internal heat than Uranus, but not as much as Jupiter or Saturn. Neptune has 16 known satellites. The largest, [[Triton (moon)|Triton]], is geologically active, with [[geyser]]s of liquid nitrogen. Triton is the only large satellite with a [[retrograde motion|retrograde orbit]], which indicates that it did not form with Neptune, but was probably captured.
`,
  `== Trans-Neptunian region ==
Beyond the orbit of Neptune lies the area of the "[[trans-Neptunian object|trans-Neptunian region]]", with the doughnut-shaped Kuiper belt, home of Pluto and several other dwarf planets, and an overlapping disc of scattered objects, which is tilted toward the plane of the Solar System and reaches much further out than the Kuiper belt.

=== Kuiper belt ===
The [[Kuiper belt]] is a great ring of debris similar to the asteroid belt, but consisting mainly of objects composed primarily of ice. It extends between 30 and 50 AU from the Sun. It is composed mainly of small Solar System bodies, although the largest few are probably large enough to be dwarf planets. There are estimated to be over 100,000 Kuiper belt objects with a diameter greater than 50&nbsp;km.

[[Pluto]] (29.7–49.3 AU), the largest known object in the Kuiper belt, was considered the ninth planet from its discovery in 1930 until the [[International Astronomical Union]] defined the term [[planet]] in 2006. Pluto has a relatively eccentric orbit inclined 17 degrees to the ecliptic plane.

=== Scattered disc ===
The [[scattered disc]], which overlaps the Kuiper belt but extends out to near 500 AU, is thought to be the source of short-period comets. Scattered-disc objects are believed to have been perturbed into erratic orbits by the gravitational influence of Neptune's early outward migration.
`,
  `== Farthest regions ==
=== Heliosphere ===
The [[heliosphere]] is a stellar-wind bubble, a region of space dominated by the Sun, in which it radiates its [[solar wind]] at roughly 400&nbsp;km/s, a stream of charged particles, until it collides with the wind of the interstellar medium. The collision occurs at the [[termination shock]], which is roughly 80–100 AU from the Sun upwind of the interstellar medium and roughly 200 AU from the Sun downwind. Both [[Voyager program|Voyager]] probes have passed the termination shock and entered the heliosheath.

=== Oort cloud ===
The [[Oort cloud]] is a theorized spherical shell of up to a trillion icy objects that is thought to be the source for all long-period comets. No direct observation of the Oort cloud is possible with present imaging technology. It is theorized to surround the Solar System at roughly 50,000 AU (about 0.9 light-years) from the Sun and possibly to as far as 100,000 AU (1.87 light-years).
`,
  `== Galactic context ==
The Solar System is located in the [[Milky Way]], a [[barred spiral galaxy]] with a diameter of about 100,000 light-years containing more than 100 billion stars. The Sun is part of one of the Milky Way's outer spiral arms, known as the [[Orion–Cygnus Arm]] or Local Spur. It is a member of a thin disk population of stars orbiting close to the galactic plane.

Its speed around the center of the Milky Way is about 220&nbsp;km/s, so that it completes one revolution every 240 million years. This revolution is known as the Solar System's [[galactic year]]. The Solar System's location in the Milky Way is a factor in the [[evolutionary history of life]] on Earth: its orbit is close to circular, and orbits near the Sun are at roughly the same speed as that of the spiral arms.
`,
  `== Discovery and exploration ==
{{Main|Discovery and exploration of the Solar System}}
Humanity's knowledge of the Solar System has grown incrementally over the centuries. Up to the [[Late Middle Ages]]–[[Renaissance]], astronomers from Europe to India believed Earth to be stationary at the centre of the universe and categorically different from the divine or ethereal objects that moved through the sky. Although the Greek philosopher [[Aristarchus of Samos]] had speculated on a heliocentric reordering of the cosmos, [[Nicolaus Copernicus]] was the first person known to have developed a mathematically predictive [[heliocentrism|heliocentric]] system.

In the 17th century, [[Galileo Galilei]] publicized the use of the telescope; he discovered that Jupiter had four satellites in orbit around it. [[Johannes Kepler]] formulated the [[Kepler's laws of planetary motion|laws of planetary motion]], and [[Isaac Newton]] explained them with his [[Newton's law of universal gravitation|law of universal gravitation]]. Since the start of the [[Space Age]], a great deal of exploration has been performed by robotic [[space probe|spacecraft]] missions. The first probe to land on another Solar System body was the Soviet Union's [[Luna 2]], which impacted the Moon in 1959; [[New Horizons]] flew past Pluto in 2015.
`,
  `== See also ==
* [[Outline of the Solar System]]
* [[List of Solar System objects by size]]
* [[Planetary system]]

== References ==
<references />

== External links ==
* [https://solarsystem.nasa.gov/ NASA Solar System Exploration]
* [https://www.iau.org/public/themes/naming/ IAU: Naming of astronomical objects]

[[Category:Solar System| ]]
[[Category:Planetary systems]]
`,
];

export function solarSystemText(sectionCount: number): string {
  return [SOLAR_SYSTEM_LEAD, ...SOLAR_SYSTEM_SECTIONS.slice(0, sectionCount)].join("\n");
}
