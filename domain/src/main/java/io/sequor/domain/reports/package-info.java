/**
 * Funnel metrics, credit economics and per-day series read from the event log (docs/metrics.md).
 */
package io.sequor.domain.reports;
