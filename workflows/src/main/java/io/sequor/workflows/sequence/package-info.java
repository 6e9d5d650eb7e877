/** The sequence model a workflow receives: steps, channels and the branch each channel runs on. */
package io.sequor.workflows.sequence;
