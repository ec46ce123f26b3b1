/**
 * Requests to Wikiport from a loopback address of the test's choosing. Per-client limits key on the
 * address the connection really comes from (npm start's front door appends it; X-Forwarded-For values a
 * client makes up are ignored), so a spec that spends a limit uses an address of its own, and every other
 * spec, from 127.0.0.1, is not slowed. On Linux the whole 127.0.0.0/8 is this machine.
 */
import { request } from "node:http";
import { E2E } from "../environment";

/** The part of Playwright's APIResponse the specs read. */
export interface AddressedResponse {
  status(): number;
  headers(): Record<string, string>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface AddressedClient {
  get(path: string, headers?: Record<string, string>): Promise<AddressedResponse>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<AddressedResponse>;
}

/** A client whose connections come from `address` (127.x.y.z), with its own cookie jar; redirects are not followed. */
export function fromAddress(address: string): AddressedClient {
  const app = new URL(E2E.appUrl);
  const cookies = new Map<string, string>();

  function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<AddressedResponse> {
    const all: Record<string, string> = { host: app.host, ...headers };
    if (cookies.size > 0) all.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (body !== undefined) all["content-length"] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: Number(app.port), localAddress: address, method, path, headers: all }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.once("error", reject);
        res.on("end", () => {
          for (const line of res.headers["set-cookie"] ?? []) {
            const [pair = ""] = line.split(";");
            const at = pair.indexOf("=");
            if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
          }
          const text = Buffer.concat(chunks).toString("utf8");
          const flat = Object.fromEntries(
            Object.entries(res.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join("\n") : value]])),
          );
          resolve({ status: () => res.statusCode!, headers: () => flat, text: async () => text, json: async () => JSON.parse(text) as unknown });
        });
      });
      req.once("error", reject);
      req.end(body);
    });
  }

  return {
    get: (path, headers = {}) => send("GET", path, headers),
    post: (path, form, headers = {}) =>
      send("POST", path, { "content-type": "application/x-www-form-urlencoded", ...headers }, new URLSearchParams(form).toString()),
  };
}
