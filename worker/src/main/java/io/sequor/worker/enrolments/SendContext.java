package io.sequor.worker.enrolments;

import io.sequor.domain.enrolments.EnrolmentRecord;
import io.sequor.domain.prospects.Prospect;
import io.sequor.domain.sequences.StepDefinition;
import io.sequor.workflows.enrolment.SendRequest;
import java.util.Optional;

/**
 * What a send needs from the store.
 *
 * @param holdReason set when nothing may be sent: a stopping response is recorded, the enrolment
 *     stopped, or the channel's address is suppressed (the email address or its domain for email,
 *     the LinkedIn profile for LinkedIn)
 */
public record SendContext(
    SendRequest request,
    EnrolmentRecord enrolment,
    Prospect prospect,
    StepDefinition step,
    Optional<String> holdReason) {}
