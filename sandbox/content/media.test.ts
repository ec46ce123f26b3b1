import { describe, expect, it } from "vitest";
import { useSandbox } from "../testing";
import { MEDIA_FILES, originalPath, thumbPath } from "./media-files";

const sb = useSandbox();

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const earth = MEDIA_FILES.find((file) => file.name === "The Earth seen from Apollo 17.png")!;
const planets = MEDIA_FILES.find((file) => file.name === "Planets2013.svg")!;

describe("upload.wikimedia.org mirror", () => {
  it("serves originals with their real dimensions, type and long-lived caching", async () => {
    const response = await fetch(`${sb.url}${originalPath(earth)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: earth.width, height: earth.height });
  });

  it("serves SVG originals as SVG and their thumbnails as PNG", async () => {
    const original = await fetch(`${sb.url}${originalPath(planets)}`);
    expect(original.headers.get("content-type")).toBe("image/svg+xml");
    expect(await original.text()).toMatch(/^<\?xml[\s\S]*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1600" height="800"/);
    const path = thumbPath(planets, 320);
    expect(path).toMatch(/\/thumb\/[0-9a-f]\/[0-9a-f]{2}\/Planets2013\.svg\/320px-Planets2013\.svg\.png$/);
    const thumb = await fetch(`${sb.url}${path}`);
    expect(thumb.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await thumb.arrayBuffer()))).toEqual({ width: 320, height: 160 });
  });

  it("scales thumbnails to the requested width", async () => {
    const response = await fetch(`${sb.url}${thumbPath(earth, 250)}`);
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 250, height: 250 });
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await fetch(`${sb.url}${thumbPath(earth, 120)}`);
    const etag = first.headers.get("etag")!;
    const again = await fetch(`${sb.url}${thumbPath(earth, 120)}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("answers 404 for unknown files and wrong hash directories, 400 for upscaled bitmaps", async () => {
    expect((await fetch(`${sb.url}/upload.wikimedia.org/wikipedia/commons/a/ab/Nope.png`)).status).toBe(404);
    const wrongHash = originalPath(earth).replace(/\/([0-9a-f])\/([0-9a-f]{2})\//, "/0/00/");
    expect((await fetch(`${sb.url}${wrongHash}`)).status).toBe(404);
    const upscaled = await fetch(`${sb.url}${thumbPath(earth, 2048)}`);
    expect(upscaled.status).toBe(400);
    expect(upscaled.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("logs requests under the `media` endpoint", async () => {
    await fetch(`${sb.url}${thumbPath(earth, 100)}`);
    const { requests } = await sb.control("GET", "/requests?endpoint=media");
    expect(requests.map(({ method, status }: { method: string; status: number }) => ({ method, status }))).toEqual([{ method: "GET", status: 200 }]);
  });
});
