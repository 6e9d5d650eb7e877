package io.sequor.api.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Outside the embedded runtime, or with another gateway, the sandbox controls say why not. */
class DevLinkedInControllerTest {

  private static final String URL = "https://www.linkedin.com/in/ada-example";

  @Test
  void againstARealTemporalTheControlsAnswerNotEmbedded() {
    StaticListableBeanFactory none = new StaticListableBeanFactory();
    DevLinkedInController controller =
        new DevLinkedInController(
            none.getBeanProvider(DevLinkedIn.class), none.getBeanProvider(DevClock.class));

    ResponseEntity<?> answer = controller.put(URL, null);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ProblemDetail problem = (ProblemDetail) answer.getBody();
    assertThat(problem.getType().toString()).endsWith("/not-embedded");
    assertThat(problem.getDetail()).contains("LinkedIn sandbox", "embedded runtime");
  }

  @Test
  void withTheProviderAsGatewayTheControlsAnswerThatTheSandboxIsNotInUse() {
    StaticListableBeanFactory beans =
        new StaticListableBeanFactory(
            Map.of(
                "devLinkedIn",
                new NotInUse(
                    "sequor.linkedin.gateway is PROVIDER: LinkedIn steps go to the provider"),
                "devClock",
                new FixedClock()));
    DevLinkedInController controller =
        new DevLinkedInController(
            beans.getBeanProvider(DevLinkedIn.class), beans.getBeanProvider(DevClock.class));

    for (ResponseEntity<?> answer :
        List.of(controller.get(URL), controller.put(URL, null), controller.reset(URL))) {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
      ProblemDetail problem = (ProblemDetail) answer.getBody();
      assertThat(problem.getType().toString()).endsWith("/sandbox-not-in-use");
      assertThat(problem.getDetail()).contains("PROVIDER", "SEQUOR_LINKEDIN_GATEWAY=SANDBOX");
    }
  }

  private record NotInUse(String why) implements DevLinkedIn {
    @Override
    public Optional<String> unavailable() {
      return Optional.of(why);
    }

    @Override
    public List<Profile> profiles() {
      throw new AssertionError("not in use");
    }

    @Override
    public Profile profile(String url) {
      throw new AssertionError("not in use");
    }

    @Override
    public Profile set(Profile profile) {
      throw new AssertionError("not in use");
    }

    @Override
    public Profile reset(String url) {
      throw new AssertionError("not in use");
    }
  }

  private static final class FixedClock implements DevClock {
    @Override
    public Instant now() {
      return Instant.parse("2026-01-01T09:00:00Z");
    }

    @Override
    public Instant advance(Duration duration) {
      return now().plus(duration);
    }
  }
}
