import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyRingError, parseKeyRing } from "./key-ring";
import { SealError, keyIdOf, needsReseal, open, seal, type SealContext } from "./sealed";

const key = () => randomBytes(32).toString("base64url");
const k1 = key();
const k2 = key();
const ring = parseKeyRing(`k1=${k1},k2=${k2}`, "k2");
const refreshOfAlice: SealContext = { purpose: "grants.refresh_token", owner: "user:alice/grant:1" };
const TOKEN = "def50200a1b2c3-refresh-token-value";

function sealError(fn: () => unknown): SealError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SealError);
    return error as SealError;
  }
  throw new Error("expected a SealError");
}

describe("seal and open", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = seal(ring, TOKEN, refreshOfAlice);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/);
    expect(sealed).not.toContain(TOKEN);
    expect(open(ring, sealed, refreshOfAlice)).toBe(TOKEN);
  });

  it("uses a fresh 12-byte nonce every time, with a 16-byte tag", () => {
    const a = seal(ring, TOKEN, refreshOfAlice);
    const b = seal(ring, TOKEN, refreshOfAlice);
    expect(a).not.toBe(b);
    const [, , nonce, body] = a.split(".");
    expect(Buffer.from(nonce!, "base64url")).toHaveLength(12);
    expect(Buffer.from(body!, "base64url")).toHaveLength(Buffer.byteLength(TOKEN) + 16);
  });

  it("does not open in another user's row or another column", () => {
    const sealed = seal(ring, TOKEN, refreshOfAlice);
    expect(sealError(() => open(ring, sealed, { ...refreshOfAlice, owner: "user:bob/grant:2" })).code).toBe("not_authentic");
    expect(sealError(() => open(ring, sealed, { ...refreshOfAlice, purpose: "grants.access_token" })).code).toBe("not_authentic");
  });

  it("detects a flipped byte in the key id, nonce, ciphertext or tag", () => {
    const sealed = seal(ring, TOKEN, refreshOfAlice);
    const [version, kid, nonce, body] = sealed.split(".") as [string, string, string, string];
    const flip = (text: string, index: number) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[index]! ^= 0x01;
      return bytes.toString("base64url");
    };
    const bodyBytes = Buffer.from(body, "base64url").length;
    const tampered = [
      [version, "k1", nonce, body],
      [version, kid, flip(nonce, 0), body],
      [version, kid, nonce, flip(body, 0)],
      [version, kid, nonce, flip(body, bodyBytes - 1)],
    ];
    for (const parts of tampered) {
      expect(() => open(ring, parts.join("."), refreshOfAlice)).toThrow(SealError);
    }
    expect(sealError(() => open(ring, `v2.${kid}.${nonce}.${body}`, refreshOfAlice)).code).toBe("malformed");
    expect(sealError(() => open(ring, "plain-token", refreshOfAlice)).code).toBe("malformed");
  });

  it("opens values sealed with an older key, seals with the active one, and fails closed without the old key", () => {
    const oldRing = parseKeyRing(`k1=${k1}`, "k1");
    const old = seal(oldRing, TOKEN, refreshOfAlice);
    expect(keyIdOf(old)).toBe("k1");
    expect(open(ring, old, refreshOfAlice)).toBe(TOKEN);
    expect(needsReseal(ring, old)).toBe(true);
    const resealed = seal(ring, open(ring, old, refreshOfAlice), refreshOfAlice);
    expect(keyIdOf(resealed)).toBe("k2");
    expect(needsReseal(ring, resealed)).toBe(false);

    const newOnly = parseKeyRing(`k2=${k2}`, "k2");
    expect(open(newOnly, resealed, refreshOfAlice)).toBe(TOKEN);
    expect(sealError(() => open(newOnly, old, refreshOfAlice)).code).toBe("unknown_key");
  });
});

describe("parseKeyRing", () => {
  it.each([
    ["", "k1", /no key is configured/],
    [`k1=${randomBytes(16).toString("base64url")}`, "k1", /16 bytes; it must be exactly 32/],
    [`k1=${k1},k1=${k2}`, "k1", /appears twice/],
    [`k1=${k1},k2=${k1}`, "k1", /are the same key/],
    [`k1=${k1}`, "k9", /active key "k9" is not in the ring/],
    [`k1=${Buffer.alloc(32).toString("base64url")}`, "k1", /publicly known example key/],
    [`bad id=${k1}`, "bad id", /key id must be/],
  ])("refuses %j (active %s)", (keys, active, message) => {
    expect(() => parseKeyRing(keys, active)).toThrow(KeyRingError);
    expect(() => parseKeyRing(keys, active)).toThrow(message);
  });
});
