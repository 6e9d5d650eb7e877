/** What LinkedIn providers push back: inbound events, deduplicated and matched to sends. */
package io.sequor.domain.linkedin;
