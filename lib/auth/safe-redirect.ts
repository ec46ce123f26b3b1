/**
 * Where Auth.js may send the browser after sign-in or sign-out: only somewhere on Wikiport's configured
 * origin (docs/security-requirements.md item 6). Auth.js's default compares with the request's origin, which comes from
 * the Host header on the server-action path; this compares with configuration instead.
 */
export function safeRedirect(target: string, appOrigin: string): string {
  const home = `${appOrigin}/`;
  // Browsers treat a backslash like a slash, so `/\evil.example` would be protocol-relative.
  if (target.startsWith("/") && !target.startsWith("//") && !target.includes("\\")) {
    const url = new URL(target, appOrigin);
    return url.origin === appOrigin ? url.href : home;
  }
  try {
    const url = new URL(target);
    return url.origin === appOrigin && !url.username && !url.password ? url.href : home;
  } catch {
    return home;
  }
}
