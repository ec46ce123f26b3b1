/**
 * The machine's floor for (a1): a bare Node.js HTTP server in a process of its own, sending the article
 * page's exact bytes (read once from a file) with nothing else to do. No framework, no routing, no
 * headers beyond the length and type: what one Node process on this machine can serve at most.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, startChild, waitForHttp, type Child } from "./processes";

// Plain CommonJS for `node -e`: the server must not pay for tsx or anything else at run time.
const SERVER = `
const { createServer } = require("node:http");
const { readFileSync } = require("node:fs");
const body = readFileSync(process.env.BENCH_BARE_FILE);
const headers = { "content-type": "text/html; charset=utf-8", "content-length": String(body.length) };
createServer((request, response) => {
  response.writeHead(200, headers);
  response.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

export async function startBareServer(runDir: string, body: Buffer, fromPort: number, taken: readonly number[]): Promise<{ child: Child; url: string }> {
  const file = join(runDir, "bare-article.html");
  writeFileSync(file, body);
  const port = await freePort(fromPort, taken);
  const child = startChild("bare-node", process.execPath, ["-e", SERVER], {
    cwd: runDir,
    logDir: runDir,
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", PORT: String(port), BENCH_BARE_FILE: file },
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(child, url, 30_000);
  return { child, url };
}
