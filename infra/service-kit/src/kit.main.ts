#!/usr/bin/env node
// xietong-kit: the service kit's commands for a service's build scripts (see the kit's README, "Building a service").
import { parseArgs } from 'node:util';
import { checkPrismaClient, generatePrismaClient, PrismaGenerateError } from './prisma/prisma-generate.ts';
import { kitTablesMigrationSql, kitTablesPrismaBlock } from './prisma/kit-tables.ts';
import { prismaCliEnvironment } from './kit.config.ts';

const USAGE = `Usage:
  xietong-kit prisma-generate [--schema prisma/schema.prisma] [--check]
      Runs prisma generate without Prisma's native engine. --check generates into a scratch folder instead and
      exits 1 when the committed client differs (or the schema's service-kit block is stale).
  xietong-kit kit-tables-prisma
      Prints the Prisma models of the kit's tables (outbox, inbox, audit log) for prisma/schema.prisma.
  xietong-kit kit-tables-sql
      Prints the SQL creating those tables, for a hand-written migration (xietong-db migrate create --empty).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { schema: { type: 'string' }, check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (rest.length > 0) throw new RangeError(`unexpected arguments: ${rest.join(' ')}`);
  switch (command) {
    case 'prisma-generate': {
      const options = { schemaPath: values.schema, env: prismaCliEnvironment() };
      if (!values.check) {
        await generatePrismaClient(options);
        process.stdout.write('Prisma client generated.\n');
        return 0;
      }
      const { outputDir, problems } = await checkPrismaClient(options);
      if (problems.length === 0) {
        process.stdout.write(`The Prisma client in ${outputDir} is current.\n`);
        return 0;
      }
      process.stderr.write(`The Prisma client is not current; run \`xietong-kit prisma-generate\`:\n  ${problems.join('\n  ')}\n`);
      return 1;
    }
    case 'kit-tables-prisma':
      process.stdout.write(kitTablesPrismaBlock());
      return 0;
    case 'kit-tables-sql':
      process.stdout.write(kitTablesMigrationSql());
      return 0;
    default:
      throw new RangeError(`unknown command ${command}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof RangeError || error instanceof TypeError) {
    // parseArgs reports unknown options as TypeErrors; both are usage errors.
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    process.stderr.write(`No such file or folder: ${(error as NodeJS.ErrnoException).path ?? '?'}\n`);
    process.exitCode = 2;
  } else if (error instanceof PrismaGenerateError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
