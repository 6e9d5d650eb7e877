package io.sequor.workflows.campaign;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Launches a campaign page by page, then watches it to its end. Signal handlers only set flags; the
 * run loop acts on them between pages, so a pause or cancel takes effect after the page in flight,
 * and every page is handled exactly once (the store keeps each prospect's decision).
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

  private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);

  /** Pages per run before continuing as new, which keeps each run's history short. */
  static final long PAGES_PER_RUN = 200;

  /** Enrolments told per activity call when pausing, resuming or stopping the campaign. */
  static final int COMMAND_PAGE = 200;

  private static final int WATCH_HISTORY_LIMIT = 5_000;

  /** Store work: retried for as long as the store is down. */
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private final CampaignActivities activities =
      Workflow.newActivityStub(CampaignActivities.class, OPTIONS);

  private CampaignPhase phase = CampaignPhase.LAUNCHING;
  private boolean paused;
  private boolean enrolmentsPaused;
  private boolean cancelled;

  @Override
  public CampaignPhase run(CampaignInput input) {
    String id = input.campaignId();
    paused = paused || input.paused();
    enrolmentsPaused = input.paused();
    String cursor = input.cursor();
    long pages = input.pages();
    boolean launched = input.launched();
    if (pages == 0 && !launched) {
      activities.prepareLaunch(id);
    }
    long pagesThisRun = 0;
    while (!launched) {
      settle(id, false);
      if (cancelled) {
        break;
      }
      PageResult page = activities.enrolPage(id, cursor, input.pageSize());
      cursor = page.cursor();
      launched = page.last();
      pages++;
      pagesThisRun++;
      if (!launched) {
        if (pagesThisRun >= PAGES_PER_RUN) {
          Workflow.continueAsNew(input.next(cursor, pages, false, enrolmentsPaused));
        }
        Workflow.await(input.pageInterval(), () -> cancelled || paused);
      }
    }
    if (!cancelled) {
      log.info("campaign {} launched after {} pages", id, pages);
      setPhase(id, CampaignPhase.LAUNCHED);
    }
    while (!cancelled) {
      settle(id, true);
      if (cancelled) {
        break;
      }
      if (activities.runningEnrolments(id) == 0) {
        setPhase(id, CampaignPhase.COMPLETED);
        return phase;
      }
      if (Workflow.getInfo().getHistoryLength() > WATCH_HISTORY_LIMIT) {
        Workflow.continueAsNew(input.next(cursor, pages, true, enrolmentsPaused));
      }
      Workflow.await(input.watchInterval(), () -> cancelled || paused != enrolmentsPaused);
    }
    tell(id, EnrolmentCommand.STOP);
    setPhase(id, CampaignPhase.CANCELLED);
    log.info("campaign {} cancelled", id);
    return phase;
  }

  /** Brings the enrolments in line with the pause flag; waits while paused. */
  private void settle(String id, boolean launched) {
    while (!cancelled) {
      if (paused && !enrolmentsPaused) {
        setPhase(id, CampaignPhase.PAUSED);
        tell(id, EnrolmentCommand.PAUSE);
        enrolmentsPaused = true;
      } else if (!paused && enrolmentsPaused) {
        tell(id, EnrolmentCommand.RESUME);
        enrolmentsPaused = false;
        setPhase(id, launched ? CampaignPhase.LAUNCHED : CampaignPhase.LAUNCHING);
      } else if (paused) {
        Workflow.await(() -> !paused || cancelled);
      } else {
        return;
      }
    }
  }

  private void tell(String id, EnrolmentCommand command) {
    String cursor = null;
    do {
      cursor = activities.command(id, command, cursor, COMMAND_PAGE);
    } while (cursor != null);
  }

  private void setPhase(String id, CampaignPhase next) {
    phase = next;
    activities.recordPhase(id, next);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public CampaignPhase phase() {
    return phase;
  }
}
