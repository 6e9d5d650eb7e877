package io.sequor.api.dev;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The 409s of the dev endpoints: what is missing here, and where it exists. */
final class DevProblems {
  private DevProblems() {}

  static ResponseEntity<?> notEmbedded() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "This Sequor runs against a real Temporal server, whose clock cannot be moved;"
                + " the dev clock, mailbox and LinkedIn sandbox controls exist only in the"
                + " embedded runtime (SPRING_PROFILES_ACTIVE=embedded).");
    problem.setType(URI.create("https://sequor.dev/problems/not-embedded"));
    problem.setTitle("Not available outside the embedded runtime");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  static ResponseEntity<?> sandboxNotInUse(String why) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            why
                + ", so sandbox profiles would change nothing. Run with"
                + " SEQUOR_LINKEDIN_GATEWAY=SANDBOX (the default) to use them.");
    problem.setType(URI.create("https://sequor.dev/problems/sandbox-not-in-use"));
    problem.setTitle("The LinkedIn sandbox is not in use");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }
}
