/** The Indicators area's data and view state (screen 2 and the `indicators` commands). */
export { indicatorsData, createIndicatorsData, INDICATORS_SCREEN, FULL_RELOAD_MS, INDICATORS_POLL_MS, DEVICES_POLL_MS, type IndicatorsData, type IndexState, type LoadProgress } from './indicatorsData.js';
export { fetchAllIndicators, fetchIndicatorsCreatedSince, fetchDeviceData, mergeIndicators, knownDeviceGroups, slimMachines, type IndicatorsSnapshot, type DeviceData, type DeviceMachine } from './loadIndicators.js';
export { executePlan, type RunProgress, type RunResult, type ExecuteOptions } from './executePlan.js';
export { planLines, confirmWordFor, describeAction, outcomeCounts } from './planText.js';
export { createIndicatorsModel, rowIdAt, rowIdsOf, positionOfId, cursorPosition, type IndicatorsModel, type IndicatorsViewState, type Dialog, type BulkStep, type LastRun } from './indicatorsModel.js';
