// Keycloak's redirect URI rules, which oidc-provider (exact matching only) lacks: a registered URI ending in "*"
// allows any URI that starts with the part before the "*"; a registered URI without a query allows the same URI with
// any query. Web origins ("+" in Keycloak) are the origins of the registered redirect URIs.

/** Whether uri is allowed by one of the registered Keycloak-style patterns. */
export function isRedirectUriAllowed(uri: string, patterns: readonly string[]): boolean {
  const parsed = URL.parse(uri);
  if (!parsed || parsed.hash !== '' || uri.includes('#')) return false;
  const withoutQuery = `${parsed.origin}${parsed.pathname}`;
  return patterns.some((pattern) => {
    if (pattern.endsWith('*')) return uri.startsWith(pattern.slice(0, -1));
    if (pattern === uri) return true;
    return !pattern.includes('?') && pattern === withoutQuery;
  });
}

/** The origins of the registered redirect URIs, the CORS origins a browser client may call from. */
export function webOriginsOf(patterns: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const pattern of patterns) {
    const origin = URL.parse(pattern.endsWith('*') ? pattern.slice(0, -1) : pattern)?.origin;
    if (origin && origin !== 'null') origins.add(origin);
  }
  return origins;
}
