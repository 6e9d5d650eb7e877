/** Outbound webhook delivery: signed HTTP posts of logged events, and the workflows' start. */
package io.sequor.worker.webhooks;
