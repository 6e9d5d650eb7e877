/**
 * Embedded-runtime conveniences: move Temporal's clock, read the local mailbox, set how the
 * simulated LinkedIn answers.
 */
package io.sequor.api.dev;
