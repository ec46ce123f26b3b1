/**
 * Renders a Codex icon (https://doc.wikimedia.org/codex/latest/icons/all-icons.html) as inline SVG.
 * An icon is an SVG string, a path, or a per-direction / per-language / flip-in-RTL variant of those.
 */
import type { Icon as CodexIcon } from "@wikimedia/codex-icons";

type Dir = "ltr" | "rtl";
type Simple = string | { path: string };

function pick(icon: CodexIcon, dir: Dir, lang: string): { simple: Simple; flip: boolean } {
  if (typeof icon === "string" || "path" in icon) return { simple: icon, flip: false };
  if ("langCodeMap" in icon) return pick(icon.langCodeMap[lang] ?? icon.default, dir, lang);
  if ("shouldFlip" in icon) {
    return { simple: icon.ltr, flip: dir === "rtl" && !(icon.shouldFlipExceptions ?? []).includes(lang) };
  }
  return { simple: dir === "rtl" ? icon.rtl : icon.ltr, flip: false };
}

function markup(simple: Simple): string {
  return typeof simple === "string" ? simple : `<path d="${simple.path}"/>`;
}

/**
 * A decorative icon next to text, as the markup <Icon> renders for it (mirrored like <Icon> in a
 * right-to-left interface): for documents built as strings without React (lib/articles/visitor-document.ts).
 */
export function iconSvg(icon: CodexIcon, size = 20, dir: Dir = "ltr", lang = "en"): string {
  const { simple, flip } = pick(icon, dir, lang);
  const style = flip ? ` style="transform:scaleX(-1)"` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 20 20" fill="currentColor"${style} aria-hidden="true" focusable="false">${markup(simple)}</svg>`;
}

export function Icon({
  icon,
  label,
  size = 20,
  dir = "ltr",
  lang = "en",
  className,
}: {
  icon: CodexIcon;
  /** Accessible name; omit for decorative icons next to text. */
  label?: string;
  size?: number;
  dir?: Dir;
  lang?: string;
  className?: string;
}) {
  const { simple, flip } = pick(icon, dir, lang);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="currentColor"
      className={className}
      style={flip ? { transform: "scaleX(-1)" } : undefined}
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
      // Codex ships icons as static SVG markup from its own package: no user input reaches this.
      dangerouslySetInnerHTML={{ __html: markup(simple) }}
    />
  );
}
