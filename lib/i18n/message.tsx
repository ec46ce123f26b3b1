import { Fragment, type ReactNode } from "react";
import type { MessageKey } from "./catalog";
import type { MessageParam, Translator } from "./translate";

/**
 * A message with elements in it (a link, a name in `<bdi>`), for server components: the sentence's word
 * order stays the translation's, and each element lands where its `$n` is. Text parameters after the
 * elements are passed on as usual (for PLURAL or GENDER).
 */
export function Message({ t, k, elements, params = [] }: { t: Translator; k: MessageKey; elements: ReactNode[]; params?: MessageParam[] }) {
  return (
    <>
      {t.parts(k, elements.length, ...params).map((piece, index) =>
        typeof piece === "number" ? <Fragment key={index}>{elements[piece]}</Fragment> : <Fragment key={index}>{piece}</Fragment>,
      )}
    </>
  );
}
