/** Manual tasks for reps: list what to send, report what was sent. */
package io.sequor.api.tasks;
