package io.sequor.workflows.enrolment;

import java.time.Instant;
import java.util.List;

/** The whole state of an enrolment, returned by the query. */
public record EnrolmentState(
    String enrolmentId,
    EnrolmentStatus status,
    StopReason stopReason,
    Instant enrolledAt,
    Instant pausedUntil,
    boolean emailBranchStopped,
    List<StepState> steps,
    int creditsSpent,
    int creditsRefunded,
    Instant listeningUntil) {}
