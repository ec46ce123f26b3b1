"use client";
/**
 * The error page's words, handed down from the root layout: app/error.tsx must be a client component and
 * gets no props but the error, so the layout (a server component, which has the translator) provides
 * them. Only these few strings, in the request's language, travel to the browser; never the catalog.
 */
import { createContext, useContext } from "react";

export interface ErrorPageLabels {
  title: string;
  text: string;
  retry: string;
  home: string;
}

const Labels = createContext<ErrorPageLabels | null>(null);

export function ErrorPageLabelsProvider({ labels, children }: { labels: ErrorPageLabels; children: React.ReactNode }) {
  return <Labels.Provider value={labels}>{children}</Labels.Provider>;
}

export function useErrorPageLabels(): ErrorPageLabels | null {
  return useContext(Labels);
}
