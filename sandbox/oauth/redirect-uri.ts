/**
 * redirect_uri matching (LEAGUE RedirectUriValidator): an exact string match, except that a loopback
 * callback (`http://127.0.0.1` or `http://[::1]`) matches with any port (RFC 8252 §7.3). No prefix
 * matching for OAuth 2 (EXT ClientEntity::getRedirectUri returns the one registered URL).
 */
const LOOPBACK = /^(http:\/\/(?:127\.0\.0\.1|\[::1\]))(?::\d{1,5})?([/?#].*)?$/;

function withoutLoopbackPort(uri: string): string | null {
  const found = LOOPBACK.exec(uri);
  return found ? `${found[1]}${found[2] ?? ""}` : null;
}

export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = withoutLoopbackPort(registered);
  const b = withoutLoopbackPort(requested);
  return a !== null && a === b;
}
