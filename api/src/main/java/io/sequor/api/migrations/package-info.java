/** Moving live enrolments to a new version of their sequence, with the audit record. */
package io.sequor.api.migrations;
