// The contracts package: generated protobuf types plus the few helpers every producer and consumer needs.
export * from './generated/xietong/common/v1/actor_pb.ts';
export * from './generated/xietong/common/v1/money_pb.ts';
export * from './generated/xietong/events/v1/envelope_pb.ts';
export * from './generated/xietong/platform/v1/error_detail_pb.ts';
export * from './generated/xietong/platform/v1/principal_pb.ts';
export * from './envelope.ts';
export * from './topics.ts';
export * from './province-code.ts';
// Pollution (issue 6): the service API, its records and the events on xietong.pollution.*.v1.
export * from './generated/xietong/pollution/v1/reference_pb.ts';
export * from './generated/xietong/pollution/v1/alert_pb.ts';
export * from './generated/xietong/pollution/v1/case_pb.ts';
export * from './generated/xietong/pollution/v1/reading_pb.ts';
export * from './generated/xietong/pollution/v1/compensation_pb.ts';
export * from './generated/xietong/pollution/v1/alert_events_pb.ts';
export * from './generated/xietong/pollution/v1/case_events_pb.ts';
export * from './generated/xietong/pollution/v1/compensation_events_pb.ts';
export * from './generated/xietong/pollution/v1/escalation_policy_pb.ts';
export * from './generated/xietong/pollution/v1/escalation_policy_events_pb.ts';
export * from './generated/xietong/pollution/v1/readings_events_pb.ts';
export * from './generated/xietong/pollution/v1/pollution_service_pb.ts';
