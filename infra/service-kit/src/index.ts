// @xietong/service-kit: what every Xietong service shares. See README.md for what each part offers.
export * from './config/index.ts';
export * from './identity/index.ts';
export * from './audit/index.ts';
export * from './errors/domain-error.ts';
export { errorKindOf, INTERNAL_ERROR_MESSAGE, type ErrorKind } from './errors/error-kinds.ts';
export * from './messaging/index.ts';
export * from './server/service-app.ts';
export { handleError, statusForCode, type ErrorBody } from './server/error.handler.ts';
export * from './telemetry/trace-context.ts';
export * from './rpc/index.ts';
export * from './prisma/index.ts';
