package io.sequor.domain.meetings;

import io.sequor.domain.campaigns.CampaignCommands;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.workflows.enrolment.EnrolmentStatus;
import io.sequor.workflows.enrolment.StopReason;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Books a meeting and stops the enrolment if it is still running: once a meeting is booked, no more
 * follow-ups go out (a prospect who booked from a calendar link without writing back would
 * otherwise get the Day 7 new angle).
 */
@Service
public class Meetings {

  private static final Set<EnrolmentStatus> RUNNING =
      Set.of(EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED, EnrolmentStatus.LISTENING);

  private final MeetingStore store;
  private final EnrolmentStore enrolments;
  private final CampaignCommands commands;

  Meetings(MeetingStore store, EnrolmentStore enrolments, CampaignCommands commands) {
    this.store = store;
    this.enrolments = enrolments;
    this.commands = commands;
  }

  public MeetingStore.Booked book(
      UUID workspaceId,
      UUID enrolmentId,
      Instant scheduledFor,
      String externalId,
      MeetingStore.Source source,
      UUID createdBy) {
    MeetingStore.Booked booked =
        store.book(workspaceId, enrolmentId, scheduledFor, externalId, source, createdBy);
    if (booked.created()
        && enrolments.find(enrolmentId).map(e -> RUNNING.contains(e.status())).orElse(false)) {
      commands.stop(enrolmentId, StopReason.MEETING_BOOKED);
    }
    return booked;
  }
}
