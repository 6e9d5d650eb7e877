package io.sequor.workflows.linkedin;

import java.time.Instant;

/**
 * What became of a manual task whose window passed.
 *
 * @param dueAt for {@code PUSHED}: the end of the task's new window
 * @param detail for {@code CANCELLED}: why, as the step's state shows it
 */
public record TaskDeadline(Outcome outcome, Instant dueAt, String detail) {

  public enum Outcome {
    /** The rep completed the task after all (just as the window closed): read its outcome. */
    DONE,
    /** The task stays open for another window. */
    PUSHED,
    /** The task was cancelled and the step is skipped. */
    CANCELLED
  }
}
