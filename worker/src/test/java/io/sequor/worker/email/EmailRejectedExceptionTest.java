package io.sequor.worker.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailRejectedExceptionTest {

  @Test
  void masksEveryAddressSoNoneReachesTemporalHistoryOrTheLogs() {
    EmailRejectedException e =
        new EmailRejectedException(
            "550 5.1.1 <jane.doe@example.com>: Recipient address rejected; from bob@corp.io", true);
    assertThat(e.getMessage())
        .isEqualTo("550 5.1.1 <<address>>: Recipient address rejected; from <address>")
        .doesNotContain("@");
    assertThat(e.getCause()).isNull();
  }
}
