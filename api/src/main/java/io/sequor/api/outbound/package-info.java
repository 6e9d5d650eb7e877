/** The REST face of outbound webhooks: subscriptions, their delivery log, enable and replay. */
package io.sequor.api.outbound;
