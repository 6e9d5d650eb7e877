package io.sequor.api.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.sequor.domain.config.SequorProperties;
import io.sequor.domain.workspaces.ApiKey;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One token bucket per API key (Bucket4j), held in this process's memory: with several API
 * processes behind a load balancer each counts on its own. Buckets run on the wall clock, not the
 * dev clock.
 */
@Component
class RateLimits {

  private final SequorProperties.Api.RateLimit installation;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimits(SequorProperties properties) {
    this.installation = properties.api().rateLimit();
  }

  /** What one request took from the key's bucket. */
  record Outcome(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfter) {}

  Outcome take(ApiKey key) {
    long perSecond =
        key.requestsPerSecond() != null
            ? key.requestsPerSecond()
            : installation.requestsPerSecond();
    long burst = key.burst() != null ? key.burst() : installation.burst();
    Bucket bucket =
        buckets.computeIfAbsent(
            key.id(),
            id ->
                Bucket.builder()
                    .addLimit(
                        limit ->
                            limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return new Outcome(
        probe.isConsumed(),
        burst,
        probe.getRemainingTokens(),
        seconds(probe.getNanosToWaitForReset()),
        Math.max(1, seconds(probe.getNanosToWaitForRefill())));
  }

  private static long seconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
