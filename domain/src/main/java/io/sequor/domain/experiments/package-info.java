/**
 * Experiments on a step's copy or audience: which variant each enrolment gets, how each variant
 * did, and when an experiment ends with a winner.
 */
package io.sequor.domain.experiments;
