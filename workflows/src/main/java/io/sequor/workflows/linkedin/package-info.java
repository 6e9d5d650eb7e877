/** The LinkedIn channel's activity contract. */
package io.sequor.workflows.linkedin;
