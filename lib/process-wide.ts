/**
 * One object per Node.js process, whichever copy of a module asks for it.
 *
 * Next.js loads route handlers, pages and proxy.ts through separate module runtimes in one process (a
 * production build has `server/chunks/[turbopack]_runtime.js` for routes and `server/chunks/ssr/…` for
 * pages, each with its own module cache), so a module-level `let instance` exists once per runtime. For
 * a cache that only costs memory; for the state that makes requests take turns it is a bug: the card
 * route and the article page each had their own database connection, their own in-process wake-ups and
 * their own slot gate, so the page's waiters were woken by their own releases while the card's only
 * polled, and the card waited out a whole flood (docs/decisions/019-fair-reading.md).
 *
 * `globalThis` is the one thing those runtimes share; the registry lives there under a `Symbol.for` key
 * (the same symbol in every runtime, and no string property anyone else could collide with). In
 * `next dev`, the objects outlive a hot reload of their modules: a change to them needs a restart.
 */
export const PROCESS_WIDE = Symbol.for("wikiport.process-wide");

type Registry = Map<string, unknown>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [PROCESS_WIDE]?: Registry };
  return (holder[PROCESS_WIDE] ??= new Map());
}

/** The process's `name`, made by `create` on first use by any module runtime. */
export function processWide<T>(name: string, create: () => T): T {
  const objects = registry();
  if (objects.has(name)) return objects.get(name) as T;
  const made = create();
  objects.set(name, made);
  return made;
}

/**
 * Whether `value` carries `brand` (a `Symbol.for` key): `instanceof` for a class whose instances cross
 * module runtimes. An error thrown by the process's one request layer was made by the copy of its class
 * in the runtime that created that layer; a page in another runtime must still recognise it.
 */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && brand in value;
}
