/** Named, versioned sequences: their steps, channel limits and copy warnings. */
package io.sequor.domain.sequences;
