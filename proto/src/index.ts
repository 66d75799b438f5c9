// The contracts package: generated protobuf types plus the few helpers every producer and consumer needs.
export * from './generated/xietong/common/v1/actor_pb.ts';
export * from './generated/xietong/common/v1/money_pb.ts';
export * from './generated/xietong/events/v1/envelope_pb.ts';
export * from './generated/xietong/platform/v1/error_detail_pb.ts';
export * from './generated/xietong/platform/v1/principal_pb.ts';
export * from './envelope.ts';
export * from './topics.ts';
export * from './province-code.ts';
