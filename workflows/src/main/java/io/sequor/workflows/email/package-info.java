/** The email channel's activity contract. */
package io.sequor.workflows.email;
