/**
 * A database failure while the request layer reaches the state every instance shares (request slots,
 * the app token), as it reaches callers: a stable code and a sentence, never the database's own message,
 * which names the query and its parameters (a sealed token among them). The operator's log gets the
 * driver's error code, enough to tell "refused" from "timed out".
 */
import type { Logger } from "@/lib/log";
import { WikimediaError } from "./errors";

function driverCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function sharedStateUnavailable(error: unknown, logger: Logger, event: string): WikimediaError {
  logger.error(event, { driverCode: driverCode(error) });
  return new WikimediaError("wikimedia_unavailable", {
    message: "Wikiport cannot reach Wikimedia right now because its own database did not answer. Try again in a few minutes.",
    detail: "database",
  });
}
