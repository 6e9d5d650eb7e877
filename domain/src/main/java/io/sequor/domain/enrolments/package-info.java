/**
 * Enrolments, their step executions and the responses they received: the store's answer to "who is
 * where".
 */
package io.sequor.domain.enrolments;
