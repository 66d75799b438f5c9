// The token of an `Authorization: Bearer …` header, parsed exactly as the service kit parses it
// (infra/service-kit/src/identity/bearer-token.ts; test/bearer-token.test.ts holds the two together), so a header the
// gateway and the services refuse is not accepted here either. RFC 6750 §2.1: the scheme (any case), one or more
// spaces, a b64token (token68 characters, then "=" padding only), nothing else.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an Authorization header value, or undefined when there is none or it is malformed. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1];
}
