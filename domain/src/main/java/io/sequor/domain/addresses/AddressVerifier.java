package io.sequor.domain.addresses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Verifies email addresses: syntax, then whether the domain accepts mail (DNS), then whether it is
 * a disposable domain or a role address. One verdict per address, with its reasons; when findings
 * disagree the gravest wins, in the order INVALID, UNKNOWN, RISKY, VALID.
 */
@Service
public class AddressVerifier {

  /** Distinct domains looked up at once in a list, so a resolver is not flooded. */
  private static final int IN_FLIGHT = 32;

  private final AddressLists lists;
  private final MailDomains domains;
  private final List<String> trustedDomains;

  AddressVerifier(AddressLists lists, MailDomains domains, AddressProperties properties) {
    this.lists = lists;
    this.domains = domains;
    this.trustedDomains =
        properties.trustedDomains().stream()
            .map(d -> d.strip().toLowerCase(Locale.ROOT))
            .filter(d -> !d.isEmpty())
            .toList();
  }

  public AddressVerdict verify(String address) {
    return verifyAll(Collections.singletonList(address)).get(0);
  }

  /**
   * Verdicts for a list, in its order. Each distinct domain is looked up once, and up to {@value
   * #IN_FLIGHT} at a time, so a list of a thousand addresses takes a few look-up times, not a
   * thousand.
   */
  public List<AddressVerdict> verifyAll(List<String> addresses) {
    List<AddressSyntax.Result> parsed = addresses.stream().map(AddressSyntax::parse).toList();
    Set<String> toLookUp = new LinkedHashSet<>();
    for (AddressSyntax.Result result : parsed) {
      result
          .parsed()
          .map(AddressSyntax.Parsed::domain)
          .filter(d -> !trusted(d))
          .ifPresent(toLookUp::add);
    }
    Map<String, MailDomains.Check> checks = lookUp(new ArrayList<>(toLookUp));
    List<AddressVerdict> verdicts = new ArrayList<>(addresses.size());
    for (int i = 0; i < addresses.size(); i++) {
      verdicts.add(verdict(addresses.get(i), parsed.get(i), checks));
    }
    return verdicts;
  }

  private Map<String, MailDomains.Check> lookUp(List<String> names) {
    Map<String, MailDomains.Check> checks = new HashMap<>();
    for (int from = 0; from < names.size(); from += IN_FLIGHT) {
      List<String> window = names.subList(from, Math.min(names.size(), from + IN_FLIGHT));
      List<CompletableFuture<MailDomains.Check>> pending =
          window.stream().map(domains::check).toList();
      for (int i = 0; i < window.size(); i++) {
        checks.put(window.get(i), pending.get(i).join());
      }
    }
    return checks;
  }

  private AddressVerdict verdict(
      String address, AddressSyntax.Result result, Map<String, MailDomains.Check> checks) {
    if (result.parsed().isEmpty()) {
      return new AddressVerdict(address, Verdict.INVALID, List.of(result.problem().orElseThrow()));
    }
    AddressSyntax.Parsed parsed = result.parsed().get();
    String domain = parsed.domain();
    List<Reason> reasons = new ArrayList<>();
    Verdict verdict = Verdict.VALID;
    Optional<MailDomains.Check> check = Optional.ofNullable(checks.get(domain));
    if (check.isPresent()) {
      reasons.add(check.get().reason());
      verdict = check.get().verdict();
    } else {
      reasons.add(
          new Reason(
              "trusted-domain",
              "the domain "
                  + domain
                  + " is trusted (sequor.addresses.trusted-domains); DNS was not asked"));
    }
    List<Reason> risks = new ArrayList<>();
    parsed.unusual().ifPresent(risks::add);
    if (lists.disposable(domain)) {
      risks.add(
          new Reason(
              "disposable-domain",
              domain + " is a disposable email provider: the address is likely to lapse"));
    }
    if (lists.role(parsed.localPart())) {
      risks.add(
          new Reason(
              "role-address",
              parsed.localPart()
                  + "@ is a role address, read by several people or none rather than a person"));
    }
    reasons.addAll(risks);
    if (!risks.isEmpty() && verdict == Verdict.VALID) {
      verdict = Verdict.RISKY;
    }
    return new AddressVerdict(address, verdict, reasons);
  }

  private boolean trusted(String domain) {
    return trustedDomains.stream().anyMatch(t -> domain.equals(t) || domain.endsWith("." + t));
  }
}
