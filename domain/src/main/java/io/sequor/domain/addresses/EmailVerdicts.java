package io.sequor.domain.addresses;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The verdict on each prospect's current email address, kept on the prospect's row. */
@Repository
public class EmailVerdicts {

  private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  EmailVerdicts(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Keeps the verdict with the prospect, if the prospect's address is still the one verified;
   * answers whether it was kept.
   */
  public boolean record(UUID prospectId, AddressVerdict verdict, Instant at) {
    return jdbc.sql(
                "UPDATE prospects SET email_verdict = ?, email_verdict_reasons = ?::jsonb,"
                    + " email_verified_at = ? WHERE id = ? AND lower(email) = lower(?)")
            .params(
                verdict.verdict().name(),
                json.writeValueAsString(verdict.reasons()),
                Timestamp.from(at),
                prospectId,
                verdict.address().strip())
            .update()
        == 1;
  }

  /** The last verdict on the prospect's current address; empty when it was never verified. */
  public Optional<EmailVerification> find(UUID prospectId) {
    return jdbc.sql(
            "SELECT email_verdict, email_verdict_reasons, email_verified_at FROM prospects"
                + " WHERE id = ? AND email_verdict IS NOT NULL")
        .param(prospectId)
        .query(
            (rs, row) ->
                new EmailVerification(
                    Verdict.valueOf(rs.getString("email_verdict")),
                    json.readValue(rs.getString("email_verdict_reasons"), REASONS),
                    rs.getTimestamp("email_verified_at").toInstant()))
        .optional();
  }
}
