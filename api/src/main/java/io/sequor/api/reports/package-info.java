/** Campaign, sequence and seat reports: funnel metrics, breakdowns, CSV and per-day series. */
package io.sequor.api.reports;
