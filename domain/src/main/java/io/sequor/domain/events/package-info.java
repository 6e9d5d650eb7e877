/**
 * The event log: every state change a client may hear of (enrolled, sent, replied, credit spent,
 * finished...), appended exactly once in the transaction of the change; webhooks deliver it and
 * metrics count it.
 */
package io.sequor.domain.events;
