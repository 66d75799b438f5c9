import type { Environment } from './config/index.ts';

/**
 * The environment `xietong-kit` hands to the prisma CLI it runs. The command reads no settings of its own; the CLI
 * needs the caller's environment (PATH, HOME, proxy and Prisma variables) plus the kit's placeholder engine variable.
 */
export function prismaCliEnvironment(): Environment {
  return process.env;
}
