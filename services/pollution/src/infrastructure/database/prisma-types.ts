import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** The service's generated Prisma client. */
export type { PrismaClient };
/** The client inside an interactive transaction. */
export type PrismaTx = Prisma.TransactionClient;
/** Either: repositories run inside a unit of work or, for reads, on the client itself. */
export type PrismaDb = PrismaClient | PrismaTx;
