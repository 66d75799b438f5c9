// Keycloak's redirect URI rules, which oidc-provider (exact matching only) lacks: a registered URI ending in "/*"
// allows any URI below that path; a registered URI without a query allows the same URI with any query. Web origins
// ("+" in Keycloak) are the origins of the registered redirect URIs.
//
// Both sides are parsed and compared as URLs — the origin exactly, then the path — never as raw string prefixes: with
// prefix matching, "http://localhost:5173*" would also allow "http://localhost:5173.evil.example/" and
// "http://localhost:5173@evil.example/". For the same reason a wildcard may only stand for whole path segments
// (a final "/*").

const WILDCARD_SUFFIX = '/*';

/** Why a registered redirect URI pattern is unusable, or undefined when it is fine. */
export function redirectUriPatternProblem(pattern: string): string | undefined {
  const wildcard = pattern.endsWith(WILDCARD_SUFFIX);
  const base = wildcard ? pattern.slice(0, -1) : pattern;
  if (base.includes('*')) return 'may hold "*" only as a final "/*" (e.g. http://localhost:5173/*)';
  const parsed = URL.parse(base);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return 'must be an absolute http:// or https:// URL';
  if (parsed.username !== '' || parsed.password !== '') return 'must not hold a user name or password';
  if (parsed.hash !== '' || base.includes('#')) return 'must not hold a fragment';
  if (wildcard && parsed.search !== '') return 'must not combine a query with "/*"';
  return undefined;
}

/** Whether uri is allowed by one of the registered Keycloak-style patterns. */
export function isRedirectUriAllowed(uri: string, patterns: readonly string[]): boolean {
  // Backslashes and white space are repaired differently by different URL parsers; a real redirect URI needs neither.
  if (/[\\\s#]/.test(uri)) return false;
  const target = URL.parse(uri);
  if (!target || target.origin === 'null' || target.username !== '' || target.password !== '') return false;
  return patterns.some((pattern) => {
    if (redirectUriPatternProblem(pattern) !== undefined) return false;
    const wildcard = pattern.endsWith(WILDCARD_SUFFIX);
    const registered = new URL(wildcard ? pattern.slice(0, -1) : pattern);
    if (registered.origin !== target.origin) return false;
    // URL parsing has already resolved "." and ".." segments (also percent-encoded ones) on both sides.
    if (wildcard) return target.pathname.startsWith(registered.pathname);
    if (registered.pathname !== target.pathname) return false;
    return registered.search === '' || registered.search === target.search;
  });
}

/** The origins of the registered redirect URIs, the CORS origins a browser client may call from. */
export function webOriginsOf(patterns: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const pattern of patterns) {
    if (redirectUriPatternProblem(pattern) !== undefined) continue;
    origins.add(new URL(pattern.endsWith(WILDCARD_SUFFIX) ? pattern.slice(0, -1) : pattern).origin);
  }
  return origins;
}
