import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { Money } from '@xietong/proto';
import type { GatewayBuilder } from '../../builder.ts';
import { FULL_CONTENT_READERS } from './pollution.scopes.ts';

// Small value types the pollution records share.

/** A protobuf timestamp as a Date, or null when unset. */
export function dateOf(timestamp: Timestamp | undefined): Date | null {
  return timestamp ? timestampDate(timestamp) : null;
}

/** A protobuf timestamp that the contract always sets; an unset one is the epoch rather than a crash. */
export function requiredDateOf(timestamp: Timestamp | undefined): Date {
  return timestamp ? timestampDate(timestamp) : new Date(0);
}

/** An empty string as null (protobuf strings default to ''). */
export function textOrNull(value: string): string | null {
  return value === '' ? null : value;
}

/** Whole fen as yuan with two decimals, exactly (bigint arithmetic, never floating point). */
export function yuanOf(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Defines the value types: money and the person who did something. */
export function definePollutionValues(builder: GatewayBuilder) {
  const money = builder.objectRef<Money>('CompensationMoney').implement({
    description: 'An amount of Chinese yuan, exact: whole fen (0.01 yuan) as a decimal string, since amounts exceed 32-bit integers.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      fen: t.string({ description: 'Whole fen, e.g. "6000000000" for 60 million yuan.', resolve: (m) => m.fen.toString() }),
      yuan: t.string({ description: 'Yuan with two decimals, e.g. "60000000.00".', resolve: (m) => yuanOf(m.fen) }),
    }),
  });
  const person = builder.objectRef<{ subject: string; username: string; province: string }>('PollutionPersonRef').implement({
    description: 'Who did something (full view only): the user and the province they acted for at the time.',
    authScopes: FULL_CONTENT_READERS,
    fields: (t) => ({
      subject: t.exposeString('subject', { description: 'The identity provider’s stable user id.' }),
      username: t.exposeString('username', { description: 'Login name at the time.' }),
      province: t.exposeString('province', { description: 'GB/T 2260 province code at the time.' }),
    }),
  });
  return { money, person };
}

/** The value types of one builder. */
export type PollutionValues = ReturnType<typeof definePollutionValues>;
