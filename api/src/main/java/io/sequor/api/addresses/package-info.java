/** Verifying email addresses in bulk, before they are imported or enrolled. */
package io.sequor.api.addresses;
