package io.sequor.workflows.enrolment;

import java.time.Instant;

/**
 * @param messageId our email Message-ID or the provider's message id
 * @param creditSpent whether this send consumed an InMail credit
 * @param at when the send happened (or was found to have happened)
 * @param retryAt for {@code OUT_OF_CREDITS}: when the seat's next credits arrive, if known
 */
public record SendResult(
    SendOutcome outcome,
    String messageId,
    boolean creditSpent,
    Instant at,
    String detail,
    Instant retryAt) {

  public SendResult withDetail(String newDetail) {
    return new SendResult(outcome, messageId, creditSpent, at, newDetail, retryAt);
  }

  public SendResult(
      SendOutcome outcome, String messageId, boolean creditSpent, Instant at, String detail) {
    this(outcome, messageId, creditSpent, at, detail, null);
  }
}
