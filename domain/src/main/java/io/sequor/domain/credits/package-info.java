/** The InMail credit ledger: append-only movements per seat, balance derived from them. */
package io.sequor.domain.credits;
