/** What every signed inbound webhook shares: the signature scheme and its refusals. */
package io.sequor.api.webhooks;
