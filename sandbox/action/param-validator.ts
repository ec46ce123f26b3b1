/**
 * The api.php parameter layer, as CORE ParamValidator with ApiParamValidator's settings does it: every
 * module declares its parameters (type, enum values, limits, multi) and this one place reads and checks
 * them before the module runs, with MediaWiki's codes, English texts, raw message keys and data
 * (docs/wikimedia-protocol.md §5.6). Modules then read the request as before; nothing they see was left
 * unchecked.
 */
import { ApiError, type MessageParam, type RawMessage } from "./api-error";
import type { Api } from "./context";
import { warn } from "./context";

/** ApiBase::LIMIT_BIG1: the `max` of ordinary callers. */
export const LIMIT_BIG1 = 500;
/** ApiBase::LIMIT_BIG2: the `max` with `apihighlimits` (bots, admins); the sandbox never grants it. */
export const LIMIT_BIG2 = 5000;
/** ApiBase::LIMIT_SML1: how many values a multi-value parameter takes (ParamValidator ismultiLimits). */
const MULTI_LIMIT = 50;

export type ParamType = "string" | "integer" | "limit" | "boolean" | "namespace" | "timestamp" | "expiry" | readonly string[];

export interface ParamSpec {
  /** A list of strings is an enum (EnumDef). */
  type: ParamType;
  multi?: boolean;
  required?: boolean;
  min?: number;
  max?: number;
  /** IntegerDef::PARAM_MAX2, the maximum for clients with `apihighlimits` (reported as `highmax`). */
  max2?: number;
  /** ApiBase::PARAM_RANGE_ENFORCE: out of range is an error, not a warning. */
  enforceRange?: boolean;
  /** ParamValidator::PARAM_ALL for enum multi-values: this value stands for all of them. */
  all?: string;
}

export type ModuleParams = Readonly<Record<string, ParamSpec>>;

const plain = (value: string): MessageParam => ({ plaintext: value });

function failure(code: string, text: string, raw: RawMessage, data: Record<string, unknown> = {}): ApiError {
  return new ApiError(code, text, data, undefined, raw);
}

/** `a|b`, or U+001F-separated when the value starts with U+001F (ParamValidator::explodeMultiValue). */
export function explodeMultiValue(value: string): string[] {
  if (value === "") return [];
  return value.startsWith("\x1f") ? value.slice(1).split("\x1f") : value.split("|");
}

/**
 * NamespaceDef: NamespaceInfo::getValidNamespaces, the non-negative ones. Core's 0–15, then those
 * Wikimedia's extensions add on the Wikipedias (Portal, Draft, TimedText, Module, Event, Gadget).
 */
const VALID_NAMESPACES = [
  ...Array.from({ length: 16 }, (_, ns) => ns),
  100, 101, 118, 119, 710, 711, 828, 829, 1728, 1729, 2300, 2301, 2302, 2303,
].map(String);

function enumValues(api: Api, spec: ParamSpec): readonly string[] | null {
  if (spec.type === "namespace") return VALID_NAMESPACES;
  return Array.isArray(spec.type) ? spec.type : null;
}

/** EnumDef::validate: `badvalue` with the allowed values as a text list. */
function badEnumValue(name: string, value: string, allowed: readonly string[], multi: boolean, numeric: boolean): ApiError {
  // NamespaceDef's values are integers, and stay so inside the plaintext parameters.
  const list: MessageParam = { list: allowed.map((v) => ({ plaintext: numeric ? Number(v) : v })), type: "text" };
  if (multi) {
    const allowedText = allowed.length === 1 ? `Only "${allowed[0]}" is allowed.` : `Allowed values are ${allowed.map((v) => `"${v}"`).join(", ")}.`;
    return failure("badvalue", `Invalid value "${value}" for parameter "${name}". ${allowedText}`, {
      key: "paramvalidator-badvalue-enummulti",
      params: [plain(name), plain(value), list, { num: allowed.length }],
    });
  }
  return failure("badvalue", `Unrecognized value for parameter "${name}": ${value}.`, {
    key: "paramvalidator-badvalue-enumnotmulti",
    params: [plain(name), plain(value), list, { num: allowed.length }],
  });
}

const TIMESTAMP_FORMATS = [
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?$/,
  /^\d{14}$/,
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
];

/** One scalar, validated as TypeDef::validate does; range problems are warnings unless enforced. */
function validateOne(api: Api, module: string, name: string, value: string, spec: ParamSpec, multi: boolean): unknown {
  const allowed = enumValues(api, spec);
  if (allowed) {
    if (!allowed.includes(value)) throw badEnumValue(name, value, allowed, multi, spec.type === "namespace");
    return spec.type === "namespace" ? Number(value) : value;
  }
  switch (spec.type) {
    case "integer":
    case "limit": {
      if (spec.type === "limit" && value === "max") return spec.max ?? LIMIT_BIG1;
      if (!/^[+-]?\d+$/.test(value)) {
        throw failure("badinteger", `Invalid value "${value}" for integer parameter "${name}".`, {
          key: "paramvalidator-badinteger",
          params: [plain(name), plain(value)],
        });
      }
      return checkRange(api, module, name, value, Number(value), spec);
    }
    case "timestamp":
      if (value !== "now" && !TIMESTAMP_FORMATS.some((format) => format.test(value))) {
        throw failure("badtimestamp", `Invalid value "${value}" for timestamp parameter "${name}".`, {
          key: "paramvalidator-badtimestamp",
          params: [plain(name), plain(value)],
        });
      }
      return value;
    default:
      return value;
  }
}

/** NumericDef::checkRange: clamp, and say so with an `outofrange` warning (PARAM_IGNORE_RANGE). */
function checkRange(api: Api, module: string, name: string, original: string, value: number, spec: ParamSpec): number {
  const min = spec.type === "limit" ? (spec.min ?? 0) : spec.min;
  const max = spec.max;
  let clamped = value;
  if (min !== undefined && value < min) clamped = min;
  else if (max !== undefined && value > max) clamped = max;
  if (clamped === value) return value;
  const what = `${min !== undefined ? "min" : ""}${max !== undefined ? "max" : ""}`;
  const text =
    what === "minmax"
      ? `The value "${original}" for parameter "${name}" must be between ${min} and ${max}.`
      : what === "min"
        ? `The value "${original}" for parameter "${name}" must be no less than ${min}.`
        : `The value "${original}" for parameter "${name}" must be no greater than ${max}.`;
  const raw: RawMessage = {
    key: `paramvalidator-outofrange-${what}`,
    params: [plain(name), plain(original), { num: min ?? "" }, { num: max ?? "" }],
  };
  const data = { min: min ?? null, curmax: max ?? null, max: max ?? null, highmax: spec.max2 ?? max ?? null };
  if (spec.enforceRange) throw failure("outofrange", text, raw, data);
  warn(api, module, "outofrange", text, { raw, data });
  return clamped;
}

function validateParam(api: Api, module: string, name: string, spec: ParamSpec): unknown {
  if (spec.type === "boolean") return api.params.has(name);
  const value = api.params.get(name);
  if (value === undefined) {
    if (spec.required) {
      throw failure("missingparam", `The "${name}" parameter must be set.`, { key: "paramvalidator-missingparam", params: [plain(name)] });
    }
    return undefined;
  }
  if (!spec.multi) {
    if (value.startsWith("\x1f")) {
      throw failure("badvalue", `Parameter "${name}" accepts only a single value. U+001F multi-value separation may only be used for multi-valued parameters.`, {
        key: "paramvalidator-notmulti",
        params: [plain(name), plain(value)],
      });
    }
    return validateOne(api, module, name, value, spec, false);
  }
  const values = explodeMultiValue(value);
  const allowed = enumValues(api, spec);
  if (allowed && spec.all !== undefined && values.length === 1 && values[0] === spec.all) return [...allowed];
  if (values.length > MULTI_LIMIT) {
    throw failure(
      "toomanyvalues",
      `Too many values supplied for parameter "${name}". The limit is ${MULTI_LIMIT}.`,
      { key: "paramvalidator-toomanyvalues", params: [plain(name), { num: MULTI_LIMIT }] },
      { limit: MULTI_LIMIT, lowlimit: MULTI_LIMIT, highlimit: LIMIT_BIG1 },
    );
  }
  const valid: unknown[] = [];
  const invalid: string[] = [];
  for (const one of values) {
    try {
      valid.push(validateOne(api, module, name, one, spec, true));
    } catch (error) {
      // ApiParamValidator sets PARAM_IGNORE_UNRECOGNIZED_VALUES: unknown enum values are only a warning.
      if (error instanceof ApiError && error.code === "badvalue") invalid.push(one);
      else throw error;
    }
  }
  if (invalid.length > 0) {
    warn(api, module, "unrecognizedvalues", `Unrecognized value${invalid.length > 1 ? "s" : ""} for parameter "${name}": ${invalid.join(", ")}`, {
      raw: {
        key: "paramvalidator-unrecognizedvalues",
        params: [plain(name), plain(value), { list: invalid.map(plain), type: "comma" }, { num: invalid.length }],
      },
      data: { values: invalid },
    });
  }
  return [...new Set(valid)];
}

/**
 * ApiBase::extractRequestParams for one module: every declared parameter (with the module's prefix) is
 * read, marked as used and validated. The first error stops the request, in declaration order.
 */
export function validateParams(api: Api, module: string, prefix: string, params: ModuleParams): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [bare, spec] of Object.entries(params)) {
    const name = `${prefix}${bare}`;
    try {
      values.set(bare, validateParam(api, module, name, spec));
    } catch (error) {
      if (error instanceof ApiError) error.module ??= module;
      throw error;
    }
  }
  return values;
}
