/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "# Whether the gateway serves and live updates flow (anonymous; the workbench's service status).\nquery Health {\n  health {\n    status\n    liveUpdates\n  }\n}\n": typeof types.HealthDocument,
    "# The signed-in user and what they may read and write per domain (the \"My permissions\" page).\nquery Me {\n  me {\n    subject\n    username\n    province\n    agency\n    roles\n    national\n    managesReferenceData\n    permissions {\n      domain\n      reach\n      readableParts\n      writeActions\n    }\n  }\n}\n": typeof types.MeDocument,
    "# Changes to records the user may read, live over Server-Sent Events (the workbench's recent activity).\nsubscription RecordEvents($domains: [Domain!]) {\n  recordEvents(domains: $domains) {\n    id\n    type\n    domain\n    aggregateId\n    originProvince\n    occurredAt\n  }\n}\n": typeof types.RecordEventsDocument,
};
const documents: Documents = {
    "# Whether the gateway serves and live updates flow (anonymous; the workbench's service status).\nquery Health {\n  health {\n    status\n    liveUpdates\n  }\n}\n": types.HealthDocument,
    "# The signed-in user and what they may read and write per domain (the \"My permissions\" page).\nquery Me {\n  me {\n    subject\n    username\n    province\n    agency\n    roles\n    national\n    managesReferenceData\n    permissions {\n      domain\n      reach\n      readableParts\n      writeActions\n    }\n  }\n}\n": types.MeDocument,
    "# Changes to records the user may read, live over Server-Sent Events (the workbench's recent activity).\nsubscription RecordEvents($domains: [Domain!]) {\n  recordEvents(domains: $domains) {\n    id\n    type\n    domain\n    aggregateId\n    originProvince\n    occurredAt\n  }\n}\n": types.RecordEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# Whether the gateway serves and live updates flow (anonymous; the workbench's service status).\nquery Health {\n  health {\n    status\n    liveUpdates\n  }\n}\n"): (typeof documents)["# Whether the gateway serves and live updates flow (anonymous; the workbench's service status).\nquery Health {\n  health {\n    status\n    liveUpdates\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# The signed-in user and what they may read and write per domain (the \"My permissions\" page).\nquery Me {\n  me {\n    subject\n    username\n    province\n    agency\n    roles\n    national\n    managesReferenceData\n    permissions {\n      domain\n      reach\n      readableParts\n      writeActions\n    }\n  }\n}\n"): (typeof documents)["# The signed-in user and what they may read and write per domain (the \"My permissions\" page).\nquery Me {\n  me {\n    subject\n    username\n    province\n    agency\n    roles\n    national\n    managesReferenceData\n    permissions {\n      domain\n      reach\n      readableParts\n      writeActions\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "# Changes to records the user may read, live over Server-Sent Events (the workbench's recent activity).\nsubscription RecordEvents($domains: [Domain!]) {\n  recordEvents(domains: $domains) {\n    id\n    type\n    domain\n    aggregateId\n    originProvince\n    occurredAt\n  }\n}\n"): (typeof documents)["# Changes to records the user may read, live over Server-Sent Events (the workbench's recent activity).\nsubscription RecordEvents($domains: [Domain!]) {\n  recordEvents(domains: $domains) {\n    id\n    type\n    domain\n    aggregateId\n    originProvince\n    occurredAt\n  }\n}\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
