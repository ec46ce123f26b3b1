/**
 * A second origin for the widget tests: a tiny HTTP server at `E2E.embedderUrl` (127.0.0.1, another port,
 * so cross-site from the app's `localhost`) serving HTML pages that a test registers, as a site owner's
 * page embedding a Wikiport card would be.
 *
 *   test("…", async ({ page, embedder }) => {
 *     const url = embedder.serve("/card.html", `<!doctype html>…${embedSnippet(…)}`);
 *     await page.goto(url);
 *   });
 *
 * `embedder` is a worker-scoped fixture (one server per worker; pages registered by a test are dropped
 * when it ends), built on the project's `test` so the token-leak checks of e2e/support/fixtures.ts still
 * run. `startEmbedder()` is there for a spec that wants its own server.
 */
import { createServer, type Server } from "node:http";
import { E2E } from "../environment";
import { test as base } from "./fixtures";

export interface Embedder {
  /** The server's origin, e.g. `http://127.0.0.1:3101`. */
  origin: string;
  /** Serves `html` at `path` (which must start with `/`); returns the page's absolute URL. */
  serve(path: string, html: string): string;
  /** Forgets every registered page. */
  clear(): void;
  close(): Promise<void>;
}

export async function startEmbedder(url: string = E2E.embedderUrl): Promise<Embedder> {
  const { origin, hostname, port } = new URL(url);
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", origin).pathname;
    const html = pages.get(path);
    response.setHeader("Cache-Control", "no-store");
    if (html === undefined) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not registered on the test embedder");
      return;
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), hostname, () => resolve());
  });
  return {
    origin,
    serve(path, html) {
      if (!path.startsWith("/")) throw new Error(`Embedder path must start with "/": ${path}`);
      pages.set(path, html);
      return `${origin}${path}`;
    },
    clear: () => pages.clear(),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A plain HTML page around `body`, as a site owner would write it. */
export function embedderPage(body: string, title = "An embedding site"): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${body}\n</body></html>\n`;
}

export const test = base.extend<{ embedder: Embedder }, { embedderServer: Embedder }>({
  embedderServer: [
    async ({}, use) => {
      const embedder = await startEmbedder();
      await use(embedder);
      await embedder.close();
    },
    { scope: "worker" },
  ],
  embedder: async ({ embedderServer }, use) => {
    await use(embedderServer);
    embedderServer.clear();
  },
});

export { expect } from "./fixtures";
