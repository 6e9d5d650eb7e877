package io.sequor.domain.schedule;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The schedule an enrolment was given, kept on its row; none for unscheduled enrolments. */
@Repository
public class EnrolmentSchedules {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  EnrolmentSchedules(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void save(UUID enrolmentId, Schedule schedule) {
    jdbc.sql("UPDATE enrolments SET schedule = ?::jsonb WHERE id = ?")
        .params(json.writeValueAsString(ScheduleData.of(schedule)), enrolmentId)
        .update();
  }

  public Optional<Schedule> find(UUID enrolmentId) {
    return jdbc.sql("SELECT schedule FROM enrolments WHERE id = ? AND schedule IS NOT NULL")
        .param(enrolmentId)
        .query(String.class)
        .optional()
        .map(text -> json.readValue(text, ScheduleData.class).toSchedule("schedule"));
  }
}
