package io.sequor.api.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class DevControllerTest {

  @Test
  void againstARealTemporalTheClockAnswersAClearErrorInsteadOfMovingTime() {
    StaticListableBeanFactory none = new StaticListableBeanFactory();
    DevController controller =
        new DevController(
            none.getBeanProvider(DevClock.class), none.getBeanProvider(DevMailbox.class));

    ResponseEntity<?> answer = controller.advance(new DevController.Advance(Duration.ofDays(3)));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(((ProblemDetail) answer.getBody()).getDetail())
        .contains("real Temporal server", "embedded runtime");
  }
}
