package io.sequor.domain.addresses;

import java.time.Instant;
import java.util.List;

/** The verdict kept with a prospect: on its current email address, and when it was reached. */
public record EmailVerification(Verdict verdict, List<Reason> reasons, Instant verifiedAt) {}
