/**
 * Deterministic code only: workflows, activity contracts and the sequence model. No Spring, no I/O.
 */
package io.sequor.workflows;
