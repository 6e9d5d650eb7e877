package io.sequor.workflows.sequence;

/**
 * What an InMail step does when its seat has no credit, or the recipient does not accept InMail.
 * The default is {@link #EMAIL}: a drained credit budget should never stall the pipeline.
 */
public enum NoCreditPolicy {
  /** Send the step's subject and body as an email instead. */
  EMAIL,
  /** Send a connection request with the step's connection note instead. */
  CONNECTION_REQUEST,
  /** Wait until the seat's next credits arrive, then send the InMail. */
  WAIT_FOR_GRANT,
  /** Skip the step. */
  SKIP
}
