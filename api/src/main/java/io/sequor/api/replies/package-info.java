/**
 * Inbound email over HTTP: the signed inbound-email webhook and the review list of unmatched mail.
 */
package io.sequor.api.replies;
