/**
 * What LinkedIn providers push back: inbound events, deduplicated, matched to sends and recorded as
 * responses.
 */
package io.sequor.domain.linkedin;
