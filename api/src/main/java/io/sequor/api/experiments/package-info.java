/** The experiment reports and ending an experiment by hand. */
package io.sequor.api.experiments;
