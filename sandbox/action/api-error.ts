/**
 * An ApiUsageException: a module stops with a code, an English text and optional data. api.php turns it
 * into HTTP 200 with the error envelope and the MediaWiki-API-Error header (CORE ApiMain::handleException).
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly info: string,
    readonly data: Record<string, unknown> = {},
    /** The module that raised it ("main", "edit", "query+tokens"); filled in by the dispatcher when unset. */
    public module?: string,
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
