export { createPrismaClient, type PrismaClientLike, type PrismaDatabase, type PrismaDatabaseOptions } from './prisma-client.ts';
export { checkPrismaClient, generatePrismaClient, PrismaGenerateError, type PrismaClientCheck, type PrismaGenerateOptions } from './prisma-generate.ts';
export {
  KIT_TABLES_MARKERS,
  KIT_TABLES_PRISMA_FILE,
  KIT_TABLES_SQL,
  kitTablesBlockProblem,
  kitTablesMigrationSql,
  kitTablesPrismaBlock,
  toSplitSafeSql,
} from './kit-tables.ts';
