/** Parsoid's element ids: `mw` + the node counter in unpadded base64 (`mwAA` is the body, `mwAQ` the next). */
export function parsoidId(counter: number): string {
  const bytes: number[] = [];
  let n = counter;
  do {
    bytes.unshift(n & 0xff);
    n >>>= 8;
  } while (n > 0);
  return `mw${Buffer.from(bytes).toString("base64").replace(/=+$/, "")}`;
}
