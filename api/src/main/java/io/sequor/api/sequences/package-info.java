/** Sequences and their versions over HTTP. */
package io.sequor.api.sequences;
