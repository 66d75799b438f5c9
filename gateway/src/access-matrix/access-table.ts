import { GATEWAY_MODULES } from '../schema/build-schema.ts';
import type { GatewayModule } from '../schema/gateway-module.ts';
import type { AccessProbe } from './access-probe.ts';
import type { AccessRule } from './policy-table.ts';

/** The whole access matrix: every module's rows (a service adds its rows in its module). */
export function accessTableOf(modules: readonly GatewayModule[] = GATEWAY_MODULES): AccessRule[] {
  return modules.flatMap((module) => module.accessRules ?? []);
}

/** Every module's probes. */
export function accessProbesOf(modules: readonly GatewayModule[] = GATEWAY_MODULES): AccessProbe[] {
  return modules.flatMap((module) => module.accessProbes ?? []);
}
