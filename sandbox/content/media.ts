/**
 * `/upload.wikimedia.org/wikipedia/commons/...`: originals and thumbnails of the seeded files, generated
 * in code. Paths, hashed directories and headers follow upload.wikimedia.org, so the app's image
 * handling (srcset, caching, CORS) is exercised for real.
 */
import { createHash } from "node:crypto";
import { html, type Ctx, type SandboxResponse } from "../http";
import type { Router } from "../router";
import { MEDIA_HOST } from "../wikis";
import { dbKeyOf, findMediaFile, hashPath, scaledHeight, type MediaFile } from "./media-files";
import { discPng } from "./png";

/** Largest thumbnail the sandbox renders; larger widths are refused like thumbor's limits. */
const MAX_THUMB_WIDTH = 4096;

const cache = new Map<string, Buffer>();

function cached(key: string, make: () => Buffer): Buffer {
  let value = cache.get(key);
  if (!value) {
    if (cache.size > 200) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

function escapeXml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function svgSource(file: MediaFile): Buffer {
  const { width, height, colors } = file;
  const radius = Math.round(Math.min(width, height) * 0.4);
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<title>${escapeXml(file.description)}</title>` +
      `<rect width="100%" height="100%" fill="${colors.background}"/>` +
      `<circle cx="${width / 2}" cy="${height / 2}" r="${radius}" fill="${colors.disc}"/></svg>\n`,
  );
}

function notFound(): SandboxResponse {
  return html(404, "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><p>The resource could not be found.</p></body></html>", {
    "cache-control": "s-maxage=60, max-age=60",
  });
}

function thumbError(message: string): SandboxResponse {
  return html(400, `<html><head><title>Error generating thumbnail</title></head><body><h1>Error generating thumbnail</h1><p>${escapeXml(message)}</p></body></html>`, {
    "cache-control": "no-cache",
  });
}

function serve(ctx: Ctx, body: Buffer, contentType: string): SandboxResponse {
  const etag = `"${createHash("md5").update(body).digest("hex")}"`;
  const headers: Record<string, string> = {
    "content-type": contentType,
    "cache-control": "public, max-age=31536000",
    etag,
    "last-modified": new Date(Date.UTC(2020, 0, 1)).toUTCString(),
    "access-control-allow-origin": "*",
    "access-control-expose-headers": "Age, Date, Content-Length, Content-Range, X-Content-Duration, X-Cache",
    "timing-allow-origin": "*",
    "x-content-type-options": "nosniff",
  };
  if (ctx.req.headers["if-none-match"] === etag) return { status: 304, headers, body: "" };
  return { status: 200, headers: { ...headers, "content-length": String(body.length) }, body };
}

/** Accepts `a/ab/Name` or `thumb/a/ab/Name/250px-Name[.png]`; the hash directories must match. */
function handleMedia(ctx: Ctx): SandboxResponse {
  const parts = (ctx.params.path ?? "").split("/");
  const isThumb = parts[0] === "thumb";
  const [dir1, dir2, name, thumbName] = isThumb ? parts.slice(1) : parts;
  if (!dir1 || !dir2 || !name || parts.length !== (isThumb ? 5 : 3)) return notFound();
  const file = findMediaFile(name);
  if (!file || dbKeyOf(file.name) !== name || hashPath(file.name) !== `${dir1}/${dir2}`) return notFound();
  if (!isThumb) {
    const body = cached(`original:${name}`, () =>
      file.mime === "image/svg+xml" ? svgSource(file) : discPng(file.width, file.height, file.colors.background, file.colors.disc),
    );
    return serve(ctx, body, file.mime);
  }
  const suffix = file.mime === "image/svg+xml" ? ".png" : "";
  const match = /^(\d+)px-(.+)$/.exec(thumbName ?? "");
  if (!match || match[2] !== `${name}${suffix}`) return notFound();
  const width = Number(match[1]);
  if (width < 1 || width > MAX_THUMB_WIDTH) return thumbError(`Invalid thumbnail width: ${width}px.`);
  if (file.mime !== "image/svg+xml" && width > file.width) {
    return thumbError("Image was not scaled, is the requested width bigger than the source?");
  }
  const height = scaledHeight(file, width);
  const body = cached(`thumb:${name}:${width}`, () => discPng(width, height, file.colors.background, file.colors.disc));
  return serve(ctx, body, "image/png");
}

export function registerMedia(router: Router): void {
  router.add({ method: "GET", path: `/${MEDIA_HOST}/wikipedia/commons/*path`, endpoint: "media", handler: handleMedia });
}
