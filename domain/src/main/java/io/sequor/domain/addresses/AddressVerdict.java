package io.sequor.domain.addresses;

import java.util.List;
import java.util.stream.Collectors;

/** The verdict on one address, with every finding behind it. */
public record AddressVerdict(String address, Verdict verdict, List<Reason> reasons) {

  public AddressVerdict {
    reasons = List.copyOf(reasons);
  }

  /** The reasons' texts, joined: for messages to people. */
  public String explanation() {
    return reasons.stream().map(Reason::text).collect(Collectors.joining("; "));
  }
}
