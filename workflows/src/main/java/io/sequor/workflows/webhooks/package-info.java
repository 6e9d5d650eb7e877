/**
 * Outbound webhook delivery: one long-running workflow per subscription delivers its events in
 * order, retrying each with backoff, and disables the subscription when a delivery gives up.
 */
package io.sequor.workflows.webhooks;
