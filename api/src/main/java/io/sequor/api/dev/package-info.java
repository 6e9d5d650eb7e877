/** Embedded-runtime conveniences: move Temporal's clock, read the local mailbox. */
package io.sequor.api.dev;
