/**
 * A translated sentence with elements put into it on the client: the server parent cuts the message at
 * its parameters (`Translator.parts`) and passes the pieces as a prop, so a client component places a
 * value it learns only later (a new token's name) without the translator or the catalog in the browser.
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
