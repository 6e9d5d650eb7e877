/**
 * LinkedIn seats and their InMail credits: lots that expire, an append-only ledger of every
 * movement, and the balance derived from it.
 */
package io.sequor.domain.credits;
