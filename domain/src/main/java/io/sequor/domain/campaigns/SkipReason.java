package io.sequor.domain.campaigns;

/** Why a campaign's launch did not enrol a prospect. */
public enum SkipReason {
  /** Live in another sequence, and the campaign does not allow that. */
  ACTIVE_ELSEWHERE,
  /** Already live in this campaign's sequence (through another campaign or the API). */
  ALREADY_ENROLLED,
  /** On the suppression list (unsubscribed, or a suppressed domain). */
  SUPPRESSED,
  /** The email address failed verification or bounced, and no LinkedIn step can reach them. */
  INVALID_ADDRESS,
  /** A placeholder of the copy has no value for this prospect. */
  MISSING_PLACEHOLDER,
  /** The sequence requires a trigger and the prospect (or its segment) names none. */
  NO_TRIGGER,
  /** Neither an email nor a LinkedIn URL that a step of the sequence uses. */
  UNREACHABLE,
  /** The copy rendered for this prospect breaks a channel limit or the seat's plan. */
  COPY_PROBLEM,
  /** The prospect no longer exists in the workspace. */
  PROSPECT_NOT_FOUND
}
