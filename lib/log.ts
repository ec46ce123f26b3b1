/**
 * Structured logs: one JSON line per event, with a stable event name and fields. Values under keys that
 * look like secrets are replaced, so a token can't reach a log line by accident.
 */
import { getConfig } from "@/lib/env";

type Level = "error" | "warn" | "info" | "debug";
type Fields = Record<string, unknown>;

const ORDER: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const SECRET_KEY = /token|secret|password|authorization|cookie|code_verifier|^code$|^state$/i;

export function redact(fields: Fields): Fields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, SECRET_KEY.test(key) ? "[redacted]" : value]),
  );
}

function write(level: Level, event: string, fields: Fields): void {
  let threshold: Level = "info";
  try {
    threshold = getConfig().log.level;
  } catch {
    // Configuration not loadable (e.g. while reporting that very problem): log at the default level.
  }
  if (ORDER[level] > ORDER[threshold]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...redact(fields) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const log = {
  error: (event: string, fields: Fields = {}) => write("error", event, fields),
  warn: (event: string, fields: Fields = {}) => write("warn", event, fields),
  info: (event: string, fields: Fields = {}) => write("info", event, fields),
  debug: (event: string, fields: Fields = {}) => write("debug", event, fields),
};

export type Logger = typeof log;
