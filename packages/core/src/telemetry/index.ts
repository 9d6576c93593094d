export type { TelemetryScope } from './open-telemetry.js';
export {
  importOpenTelemetryApi,
  type OpenTelemetryApi,
  type TelemetryOptions,
  type TelemetrySetting,
  TelemetrySource,
} from './setup.js';
