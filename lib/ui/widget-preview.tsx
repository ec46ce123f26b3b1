"use client";
/**
 * The builder's live preview: the public card in an `<iframe>` (same origin, allowed by `frame-src
 * 'self'`), resized to the height the card reports, as the snippet does on an embedding page. Heights are
 * taken only from this very frame and from Wikiport's own origin.
 */
import { useEffect, useRef, useState } from "react";

export function WidgetPreview({ src, title }: { src: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(320);
  useEffect(() => {
    const origin = new URL(src, window.location.href).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== frame.current?.contentWindow) return;
      const data: unknown = event.data;
      if (typeof data !== "object" || data === null || !("type" in data) || data.type !== "wikiport:height") return;
      if ("height" in data && typeof data.height === "number" && data.height > 0) setHeight(Math.ceil(Math.min(data.height, 10_000)));
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [src]);
  return (
    <iframe
      ref={frame}
      src={src}
      title={title}
      style={{ height }}
      className="w-full rounded-cdx border border-cdx-border-subtle"
    />
  );
}
