import type { Domain, Role } from '../../kit.ts';
import type { GatewayBuilder } from '../builder.ts';

// Enums several modules use. Registered once per builder (Pothos keeps one type per name), then shared by ref.
const roleEnums = new WeakMap<GatewayBuilder, ReturnType<typeof defineRoleEnum>>();
const domainEnums = new WeakMap<GatewayBuilder, ReturnType<typeof defineDomainEnum>>();

function defineRoleEnum(builder: GatewayBuilder) {
  return builder.enumType('Role', {
    description: 'A realm role (access-model.md).',
    values: {
      LIAISON: { value: 'liaison' as Role, description: 'Provincial liaison office; writes in joint meetings.' },
      ENVIRONMENT: { value: 'environment' as Role, description: 'Environmental bureau; writes in pollution cases.' },
      MEDICAL_INSURANCE: { value: 'medical_insurance' as Role, description: 'Medical insurance bureau; writes in medical settlement.' },
      INVESTMENT: { value: 'investment' as Role, description: 'Investment promotion team; writes in investment leads.' },
      OBSERVER: { value: 'observer' as Role, description: 'National ministry or audit office; reads across provinces, writes nothing.' },
      ADMIN: { value: 'admin' as Role, description: 'Platform operator; reference data and configuration only.' },
    } as const,
  });
}

function defineDomainEnum(builder: GatewayBuilder) {
  return builder.enumType('Domain', {
    description: 'A business domain.',
    values: {
      MEETINGS: { value: 'meetings' as Domain, description: 'Joint meetings.' },
      POLLUTION: { value: 'pollution' as Domain, description: 'Cross-boundary pollution cases.' },
      MEDICAL: { value: 'medical' as Domain, description: 'Cross-province medical settlement.' },
      INVESTMENT: { value: 'investment' as Domain, description: 'Investment leads.' },
    } as const,
  });
}

/** The Role enum of this builder. */
export function roleEnum(builder: GatewayBuilder) {
  let ref = roleEnums.get(builder);
  if (!ref) {
    ref = defineRoleEnum(builder);
    roleEnums.set(builder, ref);
  }
  return ref;
}

/** The Domain enum of this builder. */
export function domainEnum(builder: GatewayBuilder) {
  let ref = domainEnums.get(builder);
  if (!ref) {
    ref = defineDomainEnum(builder);
    domainEnums.set(builder, ref);
  }
  return ref;
}
