/**
 * Shapes of JSON values (keys and value types, never values) and the differences between two of them.
 * An array's shape is the merge of its elements' shapes, so arrays of different lengths compare by what
 * their elements look like. A node can carry several types at once (an array whose elements are
 * sometimes null, sometimes objects), which is how nullable fields show up.
 *
 * An object whose keys are all integers ("-1", "6") is a map keyed by ids, not a record: formatversion=1
 * keys `query.pages` by page id. Its shape is the merge of its values (path segment `{}`), like an array's.
 */

export type Kind = "null" | "string" | "number" | "boolean" | "object" | "array" | "id-map";

export interface Shape {
  kinds: Set<Kind>;
  /** Keys of the object form, when `kinds` has "object". */
  keys?: Map<string, Shape>;
  /** Merged element shape when `kinds` has "array"; null when every array seen was empty. */
  items?: Shape | null;
  /** Merged value shape when `kinds` has "id-map". */
  values?: Shape;
}

const ID_KEY = /^-?\d+$/;

function isIdMap(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => ID_KEY.test(key));
}

export function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "object":
      return isIdMap(value as object) ? "id-map" : "object";
    default:
      throw new Error(`not a JSON value: ${typeof value}`);
  }
}

export function shapeOf(value: unknown): Shape {
  const kind = kindOf(value);
  const shape: Shape = { kinds: new Set([kind]) };
  if (kind === "object") {
    shape.keys = new Map(Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, shapeOf(v)]));
  } else if (kind === "id-map") {
    shape.values = Object.values(value as Record<string, unknown>).reduce<Shape | null>((merged, v) => mergeShapes(merged, shapeOf(v)), null)!;
  } else if (kind === "array") {
    shape.items = (value as unknown[]).reduce<Shape | null>((merged, element) => mergeShapes(merged, shapeOf(element)), null);
  }
  return shape;
}

export function mergeShapes(a: Shape | null, b: Shape | null): Shape | null {
  if (!a) return b;
  if (!b) return a;
  const merged: Shape = { kinds: new Set([...a.kinds, ...b.kinds]) };
  if (a.keys || b.keys) {
    const keys = new Map(a.keys ?? []);
    for (const [key, shape] of b.keys ?? []) keys.set(key, mergeShapes(keys.get(key) ?? null, shape)!);
    merged.keys = keys;
  }
  if (a.items !== undefined || b.items !== undefined) merged.items = mergeShapes(a.items ?? null, b.items ?? null);
  if (a.values || b.values) merged.values = mergeShapes(a.values ?? null, b.values ?? null)!;
  return merged;
}

export type DifferenceKind =
  /** MediaWiki has the key, the sandbox doesn't. */
  | "missing-in-sandbox"
  /** The sandbox has a key MediaWiki doesn't. */
  | "extra-in-sandbox"
  /** Both have the path with different value types. */
  | "type"
  /** One side's array was empty, so element shapes could not be compared. */
  | "unverifiable-empty-array";

export interface ShapeDifference {
  kind: DifferenceKind;
  /** JSON path: `a.b[].c`; `[]` stands for any array element, `{}` for any value of an id map; "" is the root. */
  path: string;
  mediawiki: string;
  sandbox: string;
}

export function describeShape(shape: Shape | null | undefined): string {
  if (!shape) return "(absent)";
  return [...shape.kinds].sort().join("|");
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Differences between MediaWiki's shape (`mediawiki`) and the sandbox's, sorted by path. */
export function diffShapes(mediawiki: Shape, sandbox: Shape, path = ""): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  const sameKinds = mediawiki.kinds.size === sandbox.kinds.size && [...mediawiki.kinds].every((k) => sandbox.kinds.has(k));
  if (!sameKinds) out.push({ kind: "type", path, mediawiki: describeShape(mediawiki), sandbox: describeShape(sandbox) });
  if (mediawiki.keys && sandbox.keys) {
    for (const [key, shape] of mediawiki.keys) {
      const other = sandbox.keys.get(key);
      if (!other) out.push({ kind: "missing-in-sandbox", path: join(path, key), mediawiki: describeShape(shape), sandbox: "(absent)" });
      else out.push(...diffShapes(shape, other, join(path, key)));
    }
    for (const [key, shape] of sandbox.keys) {
      if (!mediawiki.keys.has(key)) out.push({ kind: "extra-in-sandbox", path: join(path, key), mediawiki: "(absent)", sandbox: describeShape(shape) });
    }
  }
  if (mediawiki.values && sandbox.values) out.push(...diffShapes(mediawiki.values, sandbox.values, `${path}{}`));
  if (mediawiki.items !== undefined && sandbox.items !== undefined) {
    const itemsPath = `${path}[]`;
    if (mediawiki.items && sandbox.items) out.push(...diffShapes(mediawiki.items, sandbox.items, itemsPath));
    else if (mediawiki.items || sandbox.items) {
      out.push({
        kind: "unverifiable-empty-array",
        path: itemsPath,
        mediawiki: mediawiki.items ? describeShape(mediawiki.items) : "(empty array)",
        sandbox: sandbox.items ? describeShape(sandbox.items) : "(empty array)",
      });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
