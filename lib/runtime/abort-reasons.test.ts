import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseAbortReasonStacks } from "./abort-reasons";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** A render-like object that aborts a long-lived signal with an Error created inside its own method. */
class Render {
  readonly payload = new Array(1000).fill("page");
  finish(controller: AbortController): void {
    controller.abort(new Error("This render completed successfully."));
  }
}

/** Whether a Render that only an unread abort reason could still reach survives a full collection. */
async function renderSurvives(): Promise<boolean> {
  const controller = new AbortController();
  const reference = (() => {
    const render = new Render();
    render.finish(controller);
    return new WeakRef(render);
  })();
  // A WeakRef keeps its target until the current job ends: let it end, then collect.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const survived = reference.deref() !== undefined;
  expect(controller.signal.reason).toBeInstanceOf(Error);
  return survived;
}

describe("abort reasons' stack traces", () => {
  it("do not keep the objects of the calls they record once the reason is handed to abort()", async () => {
    releaseAbortReasonStacks();
    expect(await renderSurvives()).toBe(false);
  });

  it("stay readable for whoever logs the reason", () => {
    releaseAbortReasonStacks();
    const controller = new AbortController();
    new Render().finish(controller);
    expect(String((controller.signal.reason as Error).stack)).toContain("Render.finish");
  });

  it("are released by AbortSignal.abort() too, and patching twice changes nothing", () => {
    releaseAbortReasonStacks();
    releaseAbortReasonStacks();
    const signal = AbortSignal.abort(new Error("gone"));
    expect((signal.reason as Error).message).toBe("gone");
  });
});
