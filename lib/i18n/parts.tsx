/**
 * A translated sentence cut at its parameters (`Translator.parts`), with elements put where they go:
 * what `<Message>` renders on the server, and what a client component gets as a prop to place a value it
 * learns only later (a new token's name) without the translator or the catalog in the browser.
 */
import { Fragment, type ReactNode } from "react";

/** Strings are text; a number is the index of the element that goes there. */
export type MessageParts = (string | number)[];

export function Parts({ parts, elements }: { parts: MessageParts; elements: ReactNode[] }) {
  return (
    <>
      {parts.map((piece, index) => (
        <Fragment key={index}>{typeof piece === "number" ? elements[piece] : piece}</Fragment>
      ))}
    </>
  );
}
