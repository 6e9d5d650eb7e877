package io.sequor.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequor.app.EmbeddedRuntimeTest;
import io.sequor.domain.enrolments.EnrolmentStore;
import io.sequor.domain.prospects.ProspectData;
import io.sequor.domain.prospects.ProspectStore;
import io.sequor.domain.sequences.CanonicalPlay;
import io.sequor.domain.sequences.SequenceCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** After a restart of the embedded runtime, enrolments its in-memory Temporal lost are closed. */
class LostEnrolmentsTest extends EmbeddedRuntimeTest {

  @Autowired LostEnrolments lostEnrolments;
  @Autowired EnrolmentStore store;
  @Autowired ProspectStore prospects;
  @Autowired SequenceCatalog catalog;

  @Test
  void anEnrolmentWithoutAWorkflowIsStoppedAndNoLongerBlocksItsProspect() {
    String running = enrol(canonicalSequenceId(), prospect("running")).path("id").asString();
    Map<String, Object> orphanProspect = prospect("orphan");
    var prospect =
        prospects.upsert(
            new ProspectData(
                (String) orphanProspect.get("email"),
                null,
                "Ada",
                null,
                "Analytical Engines",
                null,
                null,
                null,
                Map.of("trigger", "a new role"),
                null,
                null,
                null));
    var version = catalog.version(CanonicalPlay.ID, 1);
    var orphan =
        ((EnrolmentStore.Insert.Created)
                store.insert(
                    prospect.id(), CanonicalPlay.ID, version.id(), "default", null, "none"))
            .enrolment();

    lostEnrolments.run(null);

    assertThat(enrolment(orphan.id().toString()).path("status").asString()).isEqualTo("STOPPED");
    assertThat(enrolment(orphan.id().toString()).path("stopReason").asString())
        .isEqualTo("LOST_ON_RESTART");
    assertThat(enrolment(running).path("status").asString()).isEqualTo("ACTIVE");
    assertThat(store.live(CanonicalPlay.ID, prospect.id()))
        .as("the prospect can be enrolled again")
        .isEmpty();
  }
}
