import type { ReactNode } from "react";
import type { MessageKey } from "./catalog";
import { Parts } from "./parts";
import type { MessageParam, Translator } from "./translate";

/**
 * A message with elements in it (a link, a name in `<bdi>`), for server components: the sentence's word
 * order stays the translation's, and each element lands where its `$n` is. Text parameters after the
 * elements are passed on as usual (for PLURAL or GENDER).
 */
export function Message({ t, k, elements, params = [] }: { t: Translator; k: MessageKey; elements: ReactNode[]; params?: MessageParam[] }) {
  return <Parts parts={t.parts(k, elements.length, ...params)} elements={elements} />;
}
