/** LinkedIn seats over HTTP: plans, credit lots, the ledger, purchases and what credits bought. */
package io.sequor.api.seats;
