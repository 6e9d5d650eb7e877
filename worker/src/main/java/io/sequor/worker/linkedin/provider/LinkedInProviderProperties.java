package io.sequor.worker.linkedin.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the LinkedIn provider. Bound only when the provider gateway is selected, so the
 * sandbox and manual modes need none of it. Documented in docs/linkedin-provider.md.
 *
 * @param accountId the provider's account for seats not listed in {@code seatAccounts}
 * @param seatAccounts Sequor seat id to provider account id, for teams with several seats
 * @param inMailApi the provider's name for the product InMail goes through ({@code linkedin.api})
 * @param outOfCreditsCodes error codes in the provider's answer that mean the seat has no credit
 * @param blocksInMailCodes error codes that mean the recipient does not accept InMail; checked
 *     first, because some providers answer 402 for both
 */
@Validated
@ConfigurationProperties("sequor.linkedin.provider")
record LinkedInProviderProperties(
    @NotNull URI baseUrl,
    @NotBlank String apiToken,
    @NotBlank String accountId,
    @NotNull @DefaultValue Map<String, String> seatAccounts,
    @NotNull @DurationMin(millis = 1) @DefaultValue("PT5S") Duration connectTimeout,
    @NotNull @DurationMin(millis = 1) @DefaultValue("PT30S") Duration readTimeout,
    @NotBlank @DefaultValue("sales_navigator") String inMailApi,
    @NotEmpty @DefaultValue({"insufficient_credits", "no_credits"}) List<String> outOfCreditsCodes,
    @NotEmpty @DefaultValue("recipient_blocks_inmail") List<String> blocksInMailCodes) {

  String accountFor(String seatId) {
    return seatAccounts.getOrDefault(seatId, accountId);
  }
}
