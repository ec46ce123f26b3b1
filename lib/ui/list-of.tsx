import { Fragment, type ReactNode } from "react";
import type { Translator } from "@/lib/i18n/translate";

/** Private-use characters standing for the items while the language joins them. */
const FIRST_MARK = 0xe100;

/**
 * Items joined as the interface language joins a list ("A, B and C", "A، B وC"), where an item may be an
 * element (a language name in its own `lang`, a name in `<bdi>`), which `Translator.list` cannot take.
 */
export function ListOf({ t, items }: { t: Translator; items: ReactNode[] }) {
  const marks = items.map((_, index) => String.fromCharCode(FIRST_MARK + index));
  const pieces = t.list(marks).split(new RegExp(`([${marks.join("")}])`, "u"));
  return (
    <>
      {pieces.map((piece, index) => {
        const item = marks.indexOf(piece);
        return <Fragment key={index}>{item >= 0 ? items[item] : piece}</Fragment>;
      })}
    </>
  );
}
