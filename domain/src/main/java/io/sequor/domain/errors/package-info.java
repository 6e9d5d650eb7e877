/** Errors a client can cause, each naming the field that is wrong and why. */
package io.sequor.domain.errors;
