package io.sequor.domain.addresses;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Email address verification. Documented in docs/configuration.md and docs/addresses.md.
 *
 * @param resolver the DNS server to ask, {@code host:port} (port 53 when left out, IPv6 in
 *     brackets); empty means the system's resolvers
 * @param timeout how long one DNS look-up may take before the domain counts as not checked
 * @param onInvalid what an enrolment does with an INVALID address
 * @param trustedDomains domains (and their subdomains) taken as accepting mail without a look-up
 * @param cacheMaxTtl the longest a DNS answer is kept, whatever its TTL says
 * @param negativeCacheMaxTtl the longest a "no such domain" or "no such record" answer is kept
 * @param cacheSize how many DNS answers the cache holds
 * @param disposableDomainsFile a file of disposable domains, one a line; empty for none
 * @param disposableDomainsMode whether that file adds to the built-in list or replaces it
 * @param roleLocalPartsFile a file of role local parts (info, sales …), one a line; empty for none
 * @param roleLocalPartsMode whether that file adds to the built-in list or replaces it
 */
@Validated
@ConfigurationProperties("sequor.addresses")
public record AddressProperties(
    @NotNull
        @DefaultValue("")
        @Pattern(
            regexp = "|(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?",
            message = "must be host or host:port (IPv6 in brackets), or empty for the system's")
        String resolver,
    @NotNull @DefaultValue("PT3S") Duration timeout,
    @NotNull @DefaultValue("SKIP_EMAIL") OnInvalid onInvalid,
    @NotNull @DefaultValue List<String> trustedDomains,
    @NotNull @DefaultValue("PT1H") Duration cacheMaxTtl,
    @NotNull @DefaultValue("PT15M") Duration negativeCacheMaxTtl,
    @Min(1) @DefaultValue("10000") int cacheSize,
    @NotNull @DefaultValue("") String disposableDomainsFile,
    @NotNull @DefaultValue("EXTEND") ListMode disposableDomainsMode,
    @NotNull @DefaultValue("") String roleLocalPartsFile,
    @NotNull @DefaultValue("EXTEND") ListMode roleLocalPartsMode) {

  /** What an enrolment does when the prospect's email address is INVALID. */
  public enum OnInvalid {
    /** Enrol anyway: the email steps are not sent, LinkedIn steps go on. */
    SKIP_EMAIL,
    /** Refuse the enrolment with a 400 naming {@code prospect.email}. */
    REFUSE
  }

  /** How an operator's list file combines with the built-in one. */
  public enum ListMode {
    EXTEND,
    REPLACE
  }

  @AssertTrue(message = "sequor.addresses.timeout must be more than zero")
  boolean isTimeoutPositive() {
    return timeout == null || timeout.toMillis() > 0;
  }

  @AssertTrue(
      message = "sequor.addresses.cache-max-ttl and negative-cache-max-ttl must not be negative")
  boolean isCacheTtlsNotNegative() {
    return (cacheMaxTtl == null || !cacheMaxTtl.isNegative())
        && (negativeCacheMaxTtl == null || !negativeCacheMaxTtl.isNegative());
  }
}
