export { ProtocolEngine, type ProtocolEngineOptions } from './engine.js';
export {
  describeIssues,
  type MethodSender,
  type MethodSpecLookup,
  type MethodSpecView,
  type Validator,
  type ValidatorIssue,
} from './method-spec.js';
export type {
  EngineTelemetry,
  IncomingSpan,
  OutgoingSpan,
  SessionTelemetry,
} from './telemetry.js';
export * from './types.js';
