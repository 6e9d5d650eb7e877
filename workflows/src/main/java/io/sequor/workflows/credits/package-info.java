/** The InMail credit ledger's activity contract. */
package io.sequor.workflows.credits;
