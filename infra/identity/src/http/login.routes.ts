// The sign-in step of the authorization code flow: oidc-provider redirects the browser here with an interaction
// cookie; a correct username and password finish the interaction and send the browser back to the authorization
// endpoint, which redirects to the client with a code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { z } from 'zod';
import type { DemoRealmRepository } from '../realm/demo-realm.repository.ts';
import { renderErrorPage } from './error-page.view.ts';
import { renderLoginPage } from './login-page.view.ts';

/** What the sign-in routes need. */
export interface LoginRoutesOptions {
  provider: Provider;
  repository: DemoRealmRepository;
  /** Path of the realm, e.g. /realms/xietong. */
  realmPath: string;
}

/** Path of the sign-in page of one interaction, below the realm path. */
export function loginPath(realmPath: string, uid: string): string {
  return `${realmPath}/login-actions/${encodeURIComponent(uid)}`;
}

const credentialsSchema = z.object({ username: z.string().max(256), password: z.string().max(1024) });
const paramsSchema = z.object({ uid: z.string().min(1).max(128) });

/** Registers GET (show the form) and POST (check the credentials) of the sign-in page. */
export function registerLoginRoutes(app: FastifyInstance, options: LoginRoutesOptions): void {
  const { provider, repository, realmPath } = options;
  const route = `${realmPath}/login-actions/:uid`;
  const realm = repository.realm;
  const provinceNames = new Map(realm.provinces.map((p) => [p.code, p.name]));
  const demoAccounts = realm.users.map((u) => ({
    username: u.username,
    provinceName: provinceNames.get(u.province) ?? u.province,
    agency: u.agency,
    roles: u.roles,
  }));
  const passwords = new Set(realm.users.map((u) => u.password));
  const sharedPassword = passwords.size === 1 ? [...passwords][0] : undefined;

  const showPage = (reply: FastifyReply, uid: string, clientId: unknown, username: string, failed: boolean) => {
    const client = typeof clientId === 'string' ? repository.findPublicClient(clientId) : undefined;
    return sendHtml(
      reply,
      200,
      renderLoginPage({
        action: loginPath(realmPath, uid),
        realmDisplayName: realm.displayName,
        clientName: client?.name ?? String(clientId ?? ''),
        username,
        failed,
        demoAccounts,
        sharedPassword,
      }),
    );
  };

  app.get(route, async (request, reply) => {
    const interaction = await findInteraction(provider, request, reply);
    if (!interaction) return reply;
    const hint = interaction.params.login_hint;
    return showPage(reply, interaction.uid, interaction.params.client_id, typeof hint === 'string' ? hint : '', false);
  });

  app.post(route, async (request, reply) => {
    const interaction = await findInteraction(provider, request, reply);
    if (!interaction) return reply;
    const credentials = credentialsSchema.safeParse(request.body ?? {});
    const username = credentials.success ? credentials.data.username : '';
    const user = credentials.success ? repository.authenticate(username, credentials.data.password) : undefined;
    if (!user) return showPage(reply, interaction.uid, interaction.params.client_id, username, true);
    const returnTo = await provider.interactionResult(request.raw, reply.raw, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
  });
}

async function findInteraction(provider: Provider, request: FastifyRequest, reply: FastifyReply) {
  const params = paramsSchema.safeParse(request.params);
  try {
    const interaction = await provider.interactionDetails(request.raw, reply.raw);
    if (params.success && interaction.uid === params.data.uid && interaction.prompt.name === 'login') return interaction;
  } catch (error) {
    if (!(error instanceof errors.SessionNotFound)) throw error;
  }
  sendHtml(
    reply,
    400,
    renderErrorPage({
      error: 'invalid_request',
      error_description: 'The sign-in request is unknown or has expired (登录请求不存在或已过期).',
    }),
  );
  return undefined;
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .send(html);
}
