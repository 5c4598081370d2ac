/**
 * Health data (issue 6): the collectors the checks need, shared by the Health screen (as polled
 * resources) and `mde-console check` (collected once).
 */
export * from './collectors.js';
export * from './inputs.js';
export * from './healthView.js';
export { healthData, createHealthData, InputUnavailableError, HEALTH_SCREEN_ID, RUNNING_MARKER_DELAY_MS, type HealthData } from './healthData.js';
export { healthInputSources, derivedInput, type InputSource, type Derived } from './inputSources.js';
export { mergePostures, avSummaryOf, type DeviceAvSummary } from './collectors.js';
export { unavailableReason } from './unavailableReason.js';
