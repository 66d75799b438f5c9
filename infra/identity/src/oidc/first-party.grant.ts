// Every client of the realm is first-party (Keycloak: "consent required" off), so the provider never asks the user
// to consent: the grant of a signed-in user simply covers whatever the client asks for.
import type { Grant, KoaContextWithOIDC } from 'oidc-provider';

/** oidc-provider's loadExistingGrant: finds or creates the session's grant and extends it to the request. */
export async function loadFirstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) throw new Error('a grant is loaded only for a signed-in user of a known client');

  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant = existing ?? new oidc.provider.Grant({ accountId, clientId: client.clientId });

  const oidcScopes = [...oidc.requestParamOIDCScopes];
  if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes);
  const claims = [...oidc.requestParamClaims];
  if (claims.length > 0) grant.addOIDCClaims(claims);
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers ?? {})) {
    const scopes = [...oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope));
    if (scopes.length > 0) grant.addResourceScope(indicator, scopes);
  }
  await grant.save();
  return grant;
}
