package io.sequor.domain.addresses;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax check. Jakarta Mail's strict {@link InternetAddress} parser does the RFC 822 part; the
 * checks after it refuse what it lets through but mail cannot use: a name or angle brackets around
 * the address, over-long parts (RFC 5321 §4.5.3.1), IP-address domains, domains without a dot or
 * with labels DNS does not allow, and non-ASCII local parts, which need SMTPUTF8 that Sequor does
 * not send with. Internationalised domains are checked, and looked up, in their ASCII form.
 */
final class AddressSyntax {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private AddressSyntax() {}

  /** An address that parsed: its local part, and its domain in lower-case ASCII. */
  record Parsed(String localPart, String domain, Optional<Reason> unusual) {}

  /** The parsed address, or the reason it is not one. */
  record Result(Optional<Parsed> parsed, Optional<Reason> problem) {
    static Result bad(String text) {
      return new Result(Optional.empty(), Optional.of(new Reason("bad-syntax", text)));
    }
  }

  static Result parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Result.bad("no address given");
    }
    String address = raw.strip();
    if (address.length() > 254) {
      return Result.bad("longer than the 254 characters an address may have");
    }
    InternetAddress parsed;
    try {
      parsed = new InternetAddress(address, true);
      parsed.validate();
    } catch (AddressException e) {
      return Result.bad("not an email address: " + lowerFirst(e.getMessage()));
    }
    if (parsed.getPersonal() != null || !parsed.getAddress().equals(address)) {
      return Result.bad("give the bare address, without a name or angle brackets");
    }
    int at = address.lastIndexOf('@');
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (local.length() > 64) {
      return Result.bad("the part before the @ is longer than 64 characters");
    }
    if (!local.chars().allMatch(c -> c < 128)) {
      return Result.bad(
          "the part before the @ has non-ASCII characters; such addresses (RFC 6531) are not"
              + " supported");
    }
    if (domain.startsWith("[")) {
      return Result.bad("the domain is an IP address, not a domain name");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Result.bad("'" + domain + "' is not a valid domain name");
    }
    List<String> labels = List.of(ascii.split("\\.", -1));
    if (labels.size() < 2) {
      return Result.bad(
          "the domain '" + domain + "' has no dot; it cannot be reached from outside");
    }
    if (ascii.length() > 253
        || !labels.stream().allMatch(l -> LABEL.matcher(l).matches())
        || DIGITS.matcher(labels.get(labels.size() - 1)).matches()) {
      return Result.bad("'" + domain + "' is not a valid domain name");
    }
    Optional<Reason> unusual =
        local.startsWith("\"")
            ? Optional.of(
                new Reason(
                    "unusual-syntax",
                    "the part before the @ is quoted; many mail systems refuse such addresses"))
            : Optional.empty();
    return new Result(Optional.of(new Parsed(local, ascii, unusual)), Optional.empty());
  }

  private static String lowerFirst(String message) {
    if (message == null || message.isEmpty()) {
      return "unreadable";
    }
    return Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
