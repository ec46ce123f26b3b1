/**
 * An ApiUsageException: a module stops with a code, an English text and optional data. api.php turns it
 * into HTTP 200 with the error envelope and the MediaWiki-API-Error header (CORE ApiMain::handleException).
 */

/**
 * A message parameter as `errorformat=raw` shows it: MediaWiki\Message\Converter turns a MessageValue's
 * typed parameters into Message::plaintextParam / numParam / listParam arrays, plain text stays a string.
 */
export type MessageParam =
  | string
  | number
  | { plaintext: string | number }
  | { num: number | string }
  /** PHP arrays whose keys do not run 0..n-1 come out as objects keyed by index. */
  | { list: MessageParam[] | Record<string, MessageParam>; type: string };

/** The message behind an error or warning: what `errorformat=raw` prints as `key` and `params`. */
export interface RawMessage {
  key: string;
  params: MessageParam[];
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly info: string,
    readonly data: Record<string, unknown> = {},
    /** The module that raised it ("main", "edit", "query+tokens"); filled in by the dispatcher when unset. */
    public module?: string,
    /** The message key and parameters; without it, `apierror-<code>` with no parameters. */
    readonly raw?: RawMessage,
  ) {
    super(`${code}: ${info}`);
  }
}

/** ApiMain::checkExecutePermissions raises it, so it belongs to "main" whichever module was asked for. */
export function readApiDenied(): ApiError {
  return new ApiError("readapidenied", "You need read permission to use this module.", {}, "main");
}

export function notLoggedIn(what: string): ApiError {
  return new ApiError("notloggedin", `Please log in to ${what}.`);
}

/** ApiBase::dieContinueUsageIf: a `*continue` value that is not one the API handed out. */
export function badContinue(module: string): ApiError {
  return new ApiError(
    "badcontinue",
    "Invalid continue param. You should pass the original value returned by the previous query.",
    {},
    module,
    { key: "apierror-badcontinue", params: [] },
  );
}

/**
 * ApiBase::requireMaxOneParameter / requireOnlyOneParameter: `apierror-invalidparammix` with the names as
 * a list of `<var>` elements, which the plain-text formats turn into quotes (ApiErrorFormatter::stripMarkup).
 */
export function invalidParamMix(names: string[], module?: string): ApiError {
  const quoted = names.map((name) => `"${name}"`);
  const list = quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  return new ApiError("invalidparammix", `The parameters ${list} can not be used together.`, {}, module, {
    key: "apierror-invalidparammix",
    params: [{ list: names.map((name) => `<var>${name}</var>`), type: "text" }, names.length],
  });
}
