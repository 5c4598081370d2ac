/**
 * Streaming data (screen `4`, `mde-console stream`, the health check's streaming input).
 *
 *   streamData(session).view          zustand store of the screen's StreamView, kept fresh by the poller
 *   await collectStreamReport(session, { windowMinutes })   the same figures once
 *   streamingCheckInput(view.report.rates)                   (src/domain/streaming) for the health check
 */
export { streamData, STREAM_INTERVALS_MS, STREAM_SCREEN, SOURCE_LABELS, type StreamData, type StreamViewState, type SourceProblem, type StreamSourceName } from './streamData.js';
export { collectStreamReport, type CollectedStream } from './collectStreamReport.js';
export { composeStreamView, type StreamView, type StreamSources, type SentinelFigures, type ComposeOptions } from './composeStreamView.js';
export { HUB_METRICS, fetchHubMetrics, fetchNamespace, fetchSentinelRates, fetchFreshness, fetchUsage, type HubMetrics, type NamespaceInfo, type FreshnessRow } from './sources.js';
export { parseWindow, DEFAULT_WINDOW_MINUTES, MAX_WINDOW_MINUTES, type WindowParse } from './window.js';
export { streamExitCode, type StreamExitCode } from './exitCode.js';
