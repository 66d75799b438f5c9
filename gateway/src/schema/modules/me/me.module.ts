import type { Principal } from '../../../kit.ts';
import type { GatewayModule } from '../../gateway-module.ts';
import { domainEnum, roleEnum } from '../../shared/enums.ts';
import { meAccessProbes, meAccessRules } from './me.access.ts';
import { managesReferenceData, permissionsOf, type DomainPermission } from './permissions.ts';

/** `me`: the signed-in user, their province, agency, roles and what they may do. */
export const meModule: GatewayModule = {
  name: 'me',
  register(builder) {
    const Role = roleEnum(builder);
    const Domain = domainEnum(builder);
    const ReadReach = builder.enumType('ReadReach', {
      description: 'How far reads reach in a domain.',
      values: {
        NONE: { value: 'none', description: 'No records of the domain.' },
        RELATED: { value: 'related', description: 'Records related to the user’s province as access-model.md allows.' },
        ALL: { value: 'all', description: 'Every record (national observer), still without unmasked personal data or sealed offers.' },
      } as const,
    });
    const Permission = builder.objectRef<DomainPermission>('DomainPermission').implement({
      description: 'What the user may do in one domain.',
      authScopes: { authenticated: true },
      fields: (t) => ({
        domain: t.field({ type: Domain, resolve: (p) => p.domain }),
        reach: t.field({ type: ReadReach, resolve: (p) => p.reach }),
        readableParts: t.stringList({
          description: 'Parts the user reads: meetings published|draft-minutes; pollution full|summary; medical claim|personal-data|clearing-result|national-totals; investment lead|enterprise-identity|offer.',
          resolve: (p) => p.readableParts,
        }),
        writeActions: t.stringList({
          description: 'Writes the user may make: meetings member|chair|own-action-item; pollution case|own-entry; medical submit|reverse|adjudicate|dispute|clearing-rollback; investment edit|share|express-interest|offer.',
          resolve: (p) => p.writeActions,
        }),
      }),
    });
    const Me = builder.objectRef<Principal>('Me').implement({
      description: 'The signed-in user.',
      // Parameterized by the parent: the principal in the context must be the one shown.
      authScopes: (principal) => ({ province: principal.province }),
      fields: (t) => ({
        subject: t.exposeID('subject', { description: 'Stable user id at the identity provider.' }),
        username: t.exposeString('username'),
        province: t.exposeString('province', { description: 'GB/T 2260 province code; 000000 for national bodies.' }),
        agency: t.exposeString('agency'),
        roles: t.field({ type: [Role], resolve: (p) => [...p.roles] }),
        national: t.boolean({ description: 'A national body (province 000000).', resolve: (p) => p.province === '000000' }),
        permissions: t.field({ type: [Permission], description: 'Per domain, what the user may read and write.', resolve: (p) => permissionsOf(p) }),
        managesReferenceData: t.boolean({ description: 'May change reference data and configuration (admin).', resolve: (p) => managesReferenceData(p) }),
      }),
    });
    builder.queryField('me', (t) =>
      t.field({
        type: Me,
        nullable: true,
        description: 'The signed-in user (UNAUTHENTICATED without a valid token).',
        authScopes: { authenticated: true },
        resolve: (_root, _args, ctx) => ctx.principal as Principal,
      }),
    );
  },
  accessRules: meAccessRules,
  accessProbes: meAccessProbes,
};
