/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A business domain. */
export type Domain =
  /** Investment leads. */
  | 'INVESTMENT'
  /** Cross-province medical settlement. */
  | 'MEDICAL'
  /** Joint meetings. */
  | 'MEETINGS'
  /** Cross-boundary pollution cases. */
  | 'POLLUTION';

export type HealthStatus =
  /** Queries work; live updates are delayed. */
  | 'DEGRADED'
  /** Everything works. */
  | 'OK';

/** How far reads reach in a domain. */
export type ReadReach =
  /** Every record (national observer), still without unmasked personal data or sealed offers. */
  | 'ALL'
  /** No records of the domain. */
  | 'NONE'
  /** Records related to the user’s province as access-model.md allows. */
  | 'RELATED';

/** A realm role (access-model.md). */
export type Role =
  /** Platform operator; reference data and configuration only. */
  | 'ADMIN'
  /** Environmental bureau; writes in pollution cases. */
  | 'ENVIRONMENT'
  /** Investment promotion team; writes in investment leads. */
  | 'INVESTMENT'
  /** Provincial liaison office; writes in joint meetings. */
  | 'LIAISON'
  /** Medical insurance bureau; writes in medical settlement. */
  | 'MEDICAL_INSURANCE'
  /** National ministry or audit office; reads across provinces, writes nothing. */
  | 'OBSERVER';

export type HealthQueryVariables = Exact<{ [key: string]: never; }>;


export type HealthQuery = { readonly health: { readonly status: HealthStatus, readonly liveUpdates: boolean } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { readonly me: { readonly subject: string, readonly username: string, readonly province: string, readonly agency: string, readonly roles: ReadonlyArray<Role>, readonly national: boolean, readonly managesReferenceData: boolean, readonly permissions: ReadonlyArray<{ readonly domain: Domain, readonly reach: ReadReach, readonly readableParts: ReadonlyArray<string>, readonly writeActions: ReadonlyArray<string> }> } | null };

export type RecordEventsSubscriptionVariables = Exact<{
  domains?: ReadonlyArray<Domain> | Domain | null | undefined;
}>;


export type RecordEventsSubscription = { readonly recordEvents: { readonly id: string, readonly type: string, readonly domain: Domain, readonly aggregateId: string, readonly originProvince: string, readonly occurredAt: string } };


export const HealthDocument = {"__meta__":{"hash":"659a684a953c202d5b01e16fc854a975f0902404368b30e8e82b8a9ed9f7c670"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"liveUpdates"}}]}}]}}]} as unknown as DocumentNode<HealthQuery, HealthQueryVariables>;
export const MeDocument = {"__meta__":{"hash":"7723b17f4fdbb1bb5079ee92bba182ee4504f440771350890b0ac29107223ed8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"province"}},{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"national"}},{"kind":"Field","name":{"kind":"Name","value":"managesReferenceData"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"reach"}},{"kind":"Field","name":{"kind":"Name","value":"readableParts"}},{"kind":"Field","name":{"kind":"Name","value":"writeActions"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const RecordEventsDocument = {"__meta__":{"hash":"706bdb58ac7790e8d2cca4303aa2660f053a6e2e28b56b421ad53404d34b80cb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RecordEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"domains"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Domain"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"domains"},"value":{"kind":"Variable","name":{"kind":"Name","value":"domains"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"aggregateId"}},{"kind":"Field","name":{"kind":"Name","value":"originProvince"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]} as unknown as DocumentNode<RecordEventsSubscription, RecordEventsSubscriptionVariables>;
