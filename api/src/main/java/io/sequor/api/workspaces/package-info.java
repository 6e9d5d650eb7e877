/** Workspaces and their API keys, as the REST API manages them. */
package io.sequor.api.workspaces;
