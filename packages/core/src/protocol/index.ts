export { ProtocolEngine, type ProtocolEngineOptions } from './engine.js';
export {
  describeIssues,
  type MethodSender,
  type MethodSpecLookup,
  type MethodSpecView,
  type ValidationIssue,
  type Validator,
} from './method-spec.js';
export * from './types.js';
