package io.sequor.domain.addresses;

import io.sequor.domain.config.SequorClock;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.prospects.ProspectStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The address check of an enrolment, in two halves: {@link #verify} before the enrolment's
 * transaction (DNS is slow; no database connection waits on it) and {@link #keep} inside it.
 *
 * <p>An INVALID address, with {@code sequor.addresses.on-invalid: SKIP_EMAIL}, marks the prospect's
 * email undeliverable, as a hard bounce does: the email branch sends nothing and LinkedIn goes on.
 * With {@code REFUSE}, or when no LinkedIn step could reach the prospect either, the enrolment is
 * refused with a 400 naming the field. RISKY and UNKNOWN addresses are enrolled as they are.
 */
@Service
public class EnrolmentEmailCheck {

  private static final Logger log = LoggerFactory.getLogger(EnrolmentEmailCheck.class);

  private final AddressVerifier verifier;
  private final EmailVerdicts verdicts;
  private final ProspectStore prospects;
  private final SequorClock clock;
  private final AddressProperties.OnInvalid onInvalid;

  EnrolmentEmailCheck(
      AddressVerifier verifier,
      EmailVerdicts verdicts,
      ProspectStore prospects,
      SequorClock clock,
      AddressProperties properties) {
    this.verifier = verifier;
    this.verdicts = verdicts;
    this.prospects = prospects;
    this.clock = clock;
    this.onInvalid = properties.onInvalid();
  }

  /**
   * Verifies the address; empty when there is none. Refuses an INVALID one when so configured.
   *
   * @param field the request field that holds the address, named in a refusal
   */
  public Optional<AddressVerdict> verify(String field, String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    AddressVerdict verdict = verifier.verify(email);
    if (verdict.verdict() == Verdict.INVALID && onInvalid == AddressProperties.OnInvalid.REFUSE) {
      throw new InvalidInputException(field, refusal(verdict));
    }
    return Optional.of(verdict);
  }

  /**
   * Keeps the verdict with the prospect, inside the enrolment's transaction.
   *
   * @param reachableOnLinkedIn whether a LinkedIn step of the sequence can reach the prospect
   */
  public void keep(
      String field, Prospect prospect, AddressVerdict verdict, boolean reachableOnLinkedIn) {
    if (verdict.verdict() == Verdict.INVALID && !reachableOnLinkedIn) {
      throw new InvalidInputException(
          field,
          refusal(verdict) + ", and no LinkedIn step of this sequence can reach them instead");
    }
    boolean kept = verdicts.record(prospect.id(), verdict, clock.now());
    log.info(
        "prospect {}: email address {}{}",
        prospect.id(),
        verdict.verdict(),
        verdict.reasons().stream().map(Reason::code).toList());
    if (kept && verdict.verdict() == Verdict.INVALID) {
      prospects.markEmailUndeliverable(prospect.id());
    }
  }

  private static String refusal(AddressVerdict verdict) {
    return "'" + verdict.address() + "' cannot receive email: " + verdict.explanation();
  }
}
