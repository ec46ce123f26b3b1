import type { Translator } from "./translate";

/** A failure as the layers below describe it: a stable code and an English sentence (for logs and the API's `title`). */
export interface Failure {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * The sentence a person reads for a failure, in the interface language.
 * TODO(i18n): one message per code; until then the English sentence.
 */
export function describeFailure(t: Translator, failure: Failure): string {
  void t;
  return failure.message;
}
