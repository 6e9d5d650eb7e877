/** Who is calling: API keys, their workspace and scopes. */
package io.sequor.api.auth;
