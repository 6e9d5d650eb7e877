/**
 * The LinkedIn provider's webhook: signed events in, each deduplicated, matched to the send it
 * answers, and recorded as a response; docs/linkedin-provider.md has the contract.
 */
package io.sequor.api.linkedin;
