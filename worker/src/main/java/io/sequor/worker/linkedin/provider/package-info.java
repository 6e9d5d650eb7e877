/**
 * LinkedIn through an account-automation provider's HTTP API, selected with {@code
 * sequor.linkedin.gateway=PROVIDER}; the wire format is in docs/linkedin-provider.md.
 */
package io.sequor.worker.linkedin.provider;
