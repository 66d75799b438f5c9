import type { GatewayModule } from '../../gateway-module.ts';
import { healthAccessProbes, healthAccessRules } from './health.access.ts';

/** health and signIn: the only fields an anonymous caller may ask for. */
export const healthModule: GatewayModule = {
  name: 'health',
  register(builder) {
    const HealthStatus = builder.enumType('HealthStatus', {
      values: { OK: { description: 'Everything works.' }, DEGRADED: { description: 'Queries work; live updates are delayed.' } } as const,
    });
    const Health = builder.objectRef<{ eventsHealthy: boolean }>('Health').implement({
      description: 'Whether the gateway is serving. Says nothing about any record or user.',
      authScopes: { public: true },
      fields: (t) => ({
        status: t.field({ type: HealthStatus, resolve: (h) => (h.eventsHealthy ? 'OK' : 'DEGRADED') }),
        liveUpdates: t.boolean({ description: 'Whether subscriptions are being fed.', resolve: (h) => h.eventsHealthy }),
      }),
    });
    const SignIn = builder.objectRef<{ issuer: string; url: string; realm: string; clientId: string }>('SignIn').implement({
      description: 'Where and how the web app signs users in (OpenID Connect, Keycloak layout).',
      authScopes: { public: true },
      fields: (t) => ({
        issuer: t.exposeString('issuer', { description: 'The realm issuer URL.' }),
        url: t.exposeString('url', { description: 'The identity provider base URL (keycloak-js `url`).' }),
        realm: t.exposeString('realm', { description: 'The realm (keycloak-js `realm`).' }),
        clientId: t.exposeString('clientId', { description: 'The web client id (keycloak-js `clientId`).' }),
      }),
    });
    builder.queryFields((t) => ({
      health: t.field({
        type: Health,
        description: 'Whether the gateway is serving (open to anonymous callers).',
        authScopes: { public: true },
        resolve: (_root, _args, ctx) => ({ eventsHealthy: ctx.platform.eventsHealthy() }),
      }),
      signIn: t.field({
        type: SignIn,
        description: 'Sign-in information for the web app (open to anonymous callers).',
        authScopes: { public: true },
        resolve: (_root, _args, ctx) => ctx.platform.signIn,
      }),
    }));
  },
  accessRules: healthAccessRules,
  accessProbes: healthAccessProbes,
};
