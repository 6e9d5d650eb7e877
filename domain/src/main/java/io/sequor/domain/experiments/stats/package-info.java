/**
 * How sure an experiment's difference is: Bayesian posteriors of each arm's rate, Fisher's exact
 * test, and the one sentence a report shows.
 */
package io.sequor.domain.experiments.stats;
