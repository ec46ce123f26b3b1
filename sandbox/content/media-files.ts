/**
 * The media files the seeded articles use. They live "on Commons", so every wiki's `[[File:…]]` finds
 * them and they are served from the upload.wikimedia.org mirror path, with URLs built the way
 * MediaWiki's FileRepo builds them (hashed directories from the md5 of the DB key).
 */
import { createHash } from "node:crypto";
import { MEDIA_HOST } from "../wikis";

export interface MediaFile {
  /** Name without namespace, with spaces: "The Earth seen from Apollo 17.png". */
  name: string;
  width: number;
  height: number;
  mime: "image/png" | "image/svg+xml";
  /** Background and foreground colours of the generated picture. */
  colors: { background: string; disc: string };
  description: string;
  author: string;
}

export const MEDIA_FILES: readonly MediaFile[] = [
  {
    name: "The Earth seen from Apollo 17.png", width: 1024, height: 1024, mime: "image/png",
    colors: { background: "#000000", disc: "#2b6cb0" },
    description: "The Blue Marble: Earth photographed by the crew of Apollo 17 on 7 December 1972.", author: "NASA",
  },
  {
    name: "Planets2013.svg", width: 1600, height: 800, mime: "image/svg+xml",
    colors: { background: "#0b1026", disc: "#f6ad55" },
    description: "The eight planets of the Solar System, sizes to scale, distances not to scale.", author: "WP",
  },
  {
    name: "Sun in February (black version).png", width: 1024, height: 1024, mime: "image/png",
    colors: { background: "#000000", disc: "#f6a623" },
    description: "The Sun seen by the Solar Dynamics Observatory in extreme ultraviolet light.", author: "NASA/SDO (AIA)",
  },
  {
    name: "FullMoon2010.png", width: 1000, height: 1000, mime: "image/png",
    colors: { background: "#000000", disc: "#c9c9c9" },
    description: "The full Moon as seen from the northern hemisphere.", author: "Gregory H. Revera",
  },
  {
    name: "Brandenburger Tor abends.png", width: 1280, height: 853, mime: "image/png",
    colors: { background: "#1a365d", disc: "#ecc94b" },
    description: "Das Brandenburger Tor in Berlin am Abend.", author: "Thomas Wolf",
  },
  {
    name: "Jerusalem Dome of the rock BW 14.png", width: 1280, height: 853, mime: "image/png",
    colors: { background: "#90cdf4", disc: "#d69e2e" },
    description: "כיפת הסלע בירושלים.", author: "Berthold Werner",
  },
  {
    name: "Wikimedia-logo.svg", width: 1024, height: 1024, mime: "image/svg+xml",
    colors: { background: "#ffffff", disc: "#990000" },
    description: "The logo of the Wikimedia Foundation.", author: "Wikimedia Foundation",
  },
];

/** Default thumbnail width of `thumb` images ($wgThumbLimits default on Wikimedia since 2025). */
export const DEFAULT_THUMB_WIDTH = 250;

export function dbKeyOf(name: string): string {
  return name.replaceAll(" ", "_");
}

export function findMediaFile(name: string): MediaFile | undefined {
  const key = dbKeyOf(name.trim());
  const normalized = key.charAt(0).toUpperCase() + key.slice(1);
  return MEDIA_FILES.find((file) => dbKeyOf(file.name) === normalized);
}

/** FileRepo::getHashPath: `a/ab/` from the md5 of the DB key. */
export function hashPath(name: string): string {
  const md5 = createHash("md5").update(dbKeyOf(name)).digest("hex");
  return `${md5[0]}/${md5.slice(0, 2)}`;
}

/** wfUrlencode: percent-encoding that leaves `;:@$!*(),/~` readable, as MediaWiki's URLs do. */
export function wfUrlencode(value: string): string {
  return encodeURIComponent(value).replace(/%(3B|3A|40|24|21|2A|28|29|2C|2F|7E)/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

export function mediaBasePath(): string {
  return `/${MEDIA_HOST}/wikipedia/commons`;
}

export function originalPath(file: MediaFile): string {
  return `${mediaBasePath()}/${hashPath(file.name)}/${wfUrlencode(dbKeyOf(file.name))}`;
}

/** Thumbnails of SVGs are rasterized to PNG, hence the extra `.png` (as on upload.wikimedia.org). */
export function thumbPath(file: MediaFile, width: number): string {
  const key = wfUrlencode(dbKeyOf(file.name));
  const suffix = file.mime === "image/svg+xml" ? ".png" : "";
  return `${mediaBasePath()}/thumb/${hashPath(file.name)}/${key}/${width}px-${key}${suffix}`;
}

export function scaledHeight(file: MediaFile, width: number): number {
  return Math.max(1, Math.round((file.height * width) / file.width));
}

/** Original when the requested width is not smaller (MediaWiki never upscales bitmaps in pages). */
export function imageUrlPath(file: MediaFile, width: number): string {
  return width >= file.width ? originalPath(file) : thumbPath(file, width);
}
