/**
 * Lets what an abort reason's stack trace records be collected (docs/decisions/028-abort-reason-stacks.md).
 *
 * V8 keeps an Error's stack as structured frames until `.stack` is first read, and each frame holds the
 * receiver and function of the call it records. The server-components renderer Next.js bundles aborts a
 * signal of every render with an Error that nothing reads (facebook/react#37288; the same shape as
 * vercel/next.js#97316), and that Error's frames hold another render's request, whose signal holds its own
 * unread Error, and so on: every page rendered with React stayed in memory, about 60 KiB each, until the
 * process ran out of heap (docs/benchmarks.md, row f). Reading `.stack` once, when the reason is handed to
 * `abort()`, turns the frames into a string; the stack is still there for whoever logs the reason.
 */

const PATCHED = Symbol.for("wikiport.abortReasonStacks");

function settle(reason: unknown): void {
  // Reading `stack` formats it and drops the frames (V8 formats it lazily, once).
  if (reason instanceof Error) void reason.stack;
}

export function releaseAbortReasonStacks(): void {
  const controller = AbortController.prototype as AbortController & { [PATCHED]?: true };
  if (controller[PATCHED]) return;
  const abort = controller.abort;
  Object.defineProperty(controller, "abort", {
    configurable: true,
    writable: true,
    value: function abortSettlingReason(this: AbortController, reason?: unknown): void {
      settle(reason);
      abort.call(this, reason);
    },
  });
  const signalAbort = AbortSignal.abort.bind(AbortSignal);
  Object.defineProperty(AbortSignal, "abort", {
    configurable: true,
    writable: true,
    value: function abortSettlingReason(reason?: unknown): AbortSignal {
      settle(reason);
      return signalAbort(reason);
    },
  });
  Object.defineProperty(controller, PATCHED, { value: true });
}
