package io.sequor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sequor.api.dev.DevMailbox;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Email goes out through the enrolment's own mailbox: rotated over a pool, and paced. */
class MailboxSendingTest extends EmbeddedRuntimeTest {

  @Autowired JdbcClient jdbc;

  /** A mailbox on the embedded mail server, sending as {@code <id>@example.com}. */
  private String mailbox(Map<String, Object> pacing) {
    String id = "mb-" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode smtp = get("/api/mailboxes/default").body().path("smtp");
    Map<String, Object> body = new HashMap<>();
    body.put("id", id);
    body.put("fromAddress", id + "@example.com");
    body.put("displayName", "Rep " + id);
    body.put(
        "smtp",
        Map.of(
            "host",
            smtp.path("host").asString(),
            "port",
            smtp.path("port").asInt(),
            "security",
            "NONE"));
    if (pacing != null) {
      body.put("pacing", pacing);
    }
    Reply created = post("/api/mailboxes", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return id;
  }

  private String oneEmailSequence() {
    Reply created =
        post(
            "/api/sequences",
            Map.of(
                "name",
                "one email " + UUID.randomUUID(),
                "steps",
                List.of(
                    Map.of(
                        "key", "hello",
                        "channel", "EMAIL",
                        "dayOffset", 0,
                        "subject", "Hello {{first_name}}",
                        "body", "Hi {{first_name}}, one question about {{company}}."))));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().path("sequenceId").asString();
  }

  private String enrolWith(
      String sequence, Map<String, Object> prospect, String key, Object value) {
    Map<String, Object> body = new HashMap<>(Map.of("sequenceId", sequence, "prospect", prospect));
    body.put(key, value);
    Reply reply = post("/api/enrolments", body);
    assertThat(reply.status()).as("enrol: %s", reply.body()).isEqualTo(201);
    return reply.body().path("id").asString();
  }

  private DevMailbox.Mail onlyEmailTo(Map<String, Object> prospect) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(emailsTo(prospect.get("email"))).hasSize(1));
    return emailsTo(prospect.get("email")).get(0);
  }

  @Test
  void fourEnrolmentsOnAPoolOfTwoMailboxesGetTwoEachAndTheirEmailsComeFromThem() {
    String a = mailbox(null);
    String b = mailbox(null);
    String sequence = oneEmailSequence();
    Map<String, Integer> perMailbox = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> prospect = prospect("pool" + i);
      String id = enrolWith(sequence, prospect, "mailboxIds", List.of(a, b));
      String assigned = enrolment(id).path("mailboxId").asString();
      perMailbox.merge(assigned, 1, Integer::sum);

      awaitStep(id, "hello", "SENT");
      assertThat(onlyEmailTo(prospect).from())
          .as("sent from the mailbox the enrolment was given")
          .contains(assigned + "@example.com")
          .contains("Rep " + assigned);
    }
    assertThat(perMailbox).containsOnlyKeys(a, b).containsEntry(a, 2).containsEntry(b, 2);
  }

  @Test
  void aThreeADayMailboxSendsSevenEnrolmentsDueTheSameDayThreeThreeAndOneInOrder() {
    // A zone where it is about noon now, so the first day has room for all three of its sends.
    int offset = 12 - clock.now().atZone(ZoneOffset.UTC).getHour();
    String zone = String.format("%+03d:00", offset);
    String id =
        mailbox(Map.of("dailyCap", 3, "timezone", zone, "minGap", "PT1M", "maxGap", "PT3M"));
    String sequence = oneEmailSequence();
    List<String> inOrder = new ArrayList<>();
    List<Map<String, Object>> prospects = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Map<String, Object> prospect = prospect("paced" + i);
      prospects.add(prospect);
      inOrder.add(enrolWith(sequence, prospect, "mailboxId", id));
      int booked = i + 1;
      await().atMost(PATIENCE).until(() -> slotsOf(id) >= booked);
    }

    JsonNode upcoming = get("/api/mailboxes/" + id + "/slots").body();
    assertThat(upcoming.size()).as("the sends not yet due: %s", upcoming).isGreaterThanOrEqualTo(4);
    for (JsonNode slot : upcoming) {
      assertThat(instant(slot.path("at"))).isAfter(clock.now().minusSeconds(1));
    }

    advance(Duration.ofDays(3));
    for (String enrolmentId : inOrder) {
      awaitStep(enrolmentId, "hello", "SENT");
    }
    List<Instant> sentAt =
        inOrder.stream().map(e -> instant(step(enrolment(e), "hello").path("sentAt"))).toList();
    Map<LocalDate, Integer> perDay = new TreeMap<>();
    for (Instant at : sentAt) {
      perDay.merge(at.atZone(ZoneId.of(zone)).toLocalDate(), 1, Integer::sum);
    }
    assertThat(perDay.values()).containsExactly(3, 3, 1);
    assertThat(new ArrayList<>(perDay.keySet()).get(2))
        .isEqualTo(new ArrayList<>(perDay.keySet()).get(0).plusDays(2));
    assertThat(sentAt).as("sent in the order enrolled").isSorted();
    for (Map<String, Object> prospect : prospects) {
      assertThat(onlyEmailTo(prospect).from()).contains(id + "@example.com");
    }
  }

  private int slotsOf(String mailbox) {
    return jdbc.sql("SELECT count(*) FROM mailbox_slots WHERE mailbox_id = ?")
        .param(mailbox)
        .query(Integer.class)
        .single();
  }
}
