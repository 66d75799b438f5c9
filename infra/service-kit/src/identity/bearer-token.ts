// RFC 6750 §2.1: "Bearer", one or more spaces, a b64token, nothing else.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer …` header value, or undefined when there is none or it is malformed. */
export function bearerTokenOf(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  return BEARER.exec(header)?.[1];
}
