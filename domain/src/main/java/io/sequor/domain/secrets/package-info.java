/**
 * Secrets at rest: AES-256-GCM encryption of stored credentials under a key from the environment.
 */
package io.sequor.domain.secrets;
