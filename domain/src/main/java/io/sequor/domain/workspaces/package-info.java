/** Workspaces (tenants) and their API keys. */
package io.sequor.domain.workspaces;
