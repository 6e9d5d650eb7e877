/**
 * LinkedIn seats and their InMail credits: lots that expire, an append-only ledger of every
 * movement, the balance derived from it, and the provider's own count to compare it with.
 */
package io.sequor.domain.credits;
