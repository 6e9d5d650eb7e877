package io.sequor.api.linkedin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The webhook's share of the provider settings. Same prefix as the worker's provider settings, so
 * an operator sets everything about the provider in one place, while the api stays independent of
 * the worker module.
 *
 * @param webhookSecret the key the provider signs events with; empty turns the webhook off
 * @param webhookMaxAge how far a signed timestamp may be from now, either way, before the event is
 *     refused as a possible replay
 */
@Validated
@ConfigurationProperties("sequor.linkedin.provider")
record LinkedInWebhookProperties(
    @Pattern(regexp = "|.{16,}", message = "must be empty (webhook off) or at least 16 characters")
        String webhookSecret,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("PT5M") Duration webhookMaxAge) {}
