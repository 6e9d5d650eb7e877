/** Manual tasks: a rep sends a step by hand and reports the outcome. */
package io.sequor.domain.tasks;
