import { afterEach, beforeEach, expect, vi } from "vitest";

// An unexpected console.error is a bug: fail the test that caused it. Tests that expect one spy on
// console.error themselves (vi.spyOn(console, "error").mockImplementation(...)) before the call.
let errorSpy: ReturnType<typeof vi.spyOn> | undefined;

beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});

afterEach(() => {
  const calls = errorSpy?.mock.calls ?? [];
  errorSpy?.mockRestore();
  expect(calls, "console.error was called unexpectedly").toEqual([]);
});
