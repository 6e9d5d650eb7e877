package io.sequor.domain.addresses;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Whether a domain accepts mail, asked of DNS with dnsjava: its MX records, or, when it has none,
 * its A then AAAA records (the implicit MX of RFC 5321 §5.1). A lone MX record pointing at the root
 * is a null MX (RFC 7505): the domain accepts no mail. dnsjava's cache keeps answers for their TTL
 * (capped) and "no such domain" or "no such record" answers for their SOA's negative TTL (RFC 2308,
 * capped); failures are not cached. A look-up that times out, fails or cannot reach the resolver
 * leaves the domain unchecked, never invalid.
 */
@Component
class MailDomains {

  private static final Logger log = LoggerFactory.getLogger(MailDomains.class);

  /** What DNS said about a domain's mail. */
  record Check(Verdict verdict, Reason reason) {}

  private final LookupSession session;
  private final Duration timeout;

  MailDomains(AddressProperties properties) {
    this.timeout = properties.timeout();
    Cache cache = new Cache(DClass.IN);
    cache.setMaxEntries(properties.cacheSize());
    cache.setMaxCache(seconds(properties.cacheMaxTtl()));
    cache.setMaxNCache(seconds(properties.negativeCacheMaxTtl()));
    this.session = LookupSession.builder().resolver(resolver(properties)).cache(cache).build();
  }

  /** Checks a domain given in lower-case ASCII; the future never fails. */
  CompletableFuture<Check> check(String domain) {
    Name name;
    try {
      name = Name.fromString(domain, Name.root);
    } catch (TextParseException e) {
      return CompletableFuture.completedFuture(
          new Check(
              Verdict.INVALID,
              new Reason("bad-syntax", "'" + domain + "' is not a valid domain name")));
    }
    return ask(name, Type.MX)
        .thenCompose(
            mx ->
                switch (mx.kind()) {
                  case FOUND -> done(fromMx(domain, mx.records()));
                  case NO_RECORDS -> implicitMx(domain, name);
                  default -> done(unanswered(domain, mx));
                });
  }

  private CompletableFuture<Check> implicitMx(String domain, Name name) {
    return ask(name, Type.A)
        .thenCompose(
            a ->
                a.kind() == Answer.Kind.NO_RECORDS
                    ? ask(name, Type.AAAA).thenApply(aaaa -> fromAddress(domain, aaaa))
                    : done(fromAddress(domain, a)));
  }

  private static Check fromMx(String domain, List<Record> records) {
    boolean nullMx =
        records.stream()
            .filter(MXRecord.class::isInstance)
            .allMatch(r -> ((MXRecord) r).getTarget().equals(Name.root));
    if (nullMx) {
      return new Check(
          Verdict.INVALID,
          new Reason(
              "null-mx",
              "the domain " + domain + " declares that it accepts no email (null MX, RFC 7505)"));
    }
    return new Check(
        Verdict.VALID,
        new Reason("mx", "the domain " + domain + " names its mail servers (MX records)"));
  }

  private Check fromAddress(String domain, Answer address) {
    return switch (address.kind()) {
      case FOUND ->
          new Check(
              Verdict.VALID,
              new Reason(
                  "implicit-mx",
                  "the domain "
                      + domain
                      + " has no MX record; mail goes to the domain's own address, as RFC 5321"
                      + " allows"));
      case NO_RECORDS ->
          new Check(
              Verdict.INVALID,
              new Reason(
                  "no-mail-host",
                  "the domain " + domain + " has no mail server (no MX, A or AAAA record)"));
      default -> unanswered(domain, address);
    };
  }

  private Check unanswered(String domain, Answer answer) {
    return switch (answer.kind()) {
      case NO_DOMAIN ->
          new Check(
              Verdict.INVALID,
              new Reason("no-domain", "the domain " + domain + " does not exist (NXDOMAIN)"));
      case TIMED_OUT ->
          new Check(
              Verdict.UNKNOWN,
              new Reason(
                  "dns-timeout",
                  "DNS gave no answer about "
                      + domain
                      + " within "
                      + timeout.toMillis()
                      + " ms; the domain was not checked"));
      default ->
          new Check(
              Verdict.UNKNOWN,
              new Reason(
                  "dns-failure",
                  "DNS could not answer about "
                      + domain
                      + " ("
                      + answer.detail()
                      + "); the domain was not checked"));
    };
  }

  /** One DNS question's outcome. */
  private record Answer(Kind kind, List<Record> records, String detail) {
    enum Kind {
      FOUND,
      NO_RECORDS,
      NO_DOMAIN,
      TIMED_OUT,
      FAILED
    }
  }

  private CompletableFuture<Answer> ask(Name name, int type) {
    return session
        .lookupAsync(name, type)
        .toCompletableFuture()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (result, error) -> {
              if (error == null) {
                // A name without records of the type may come back as an empty result.
                List<Record> records =
                    result.getRecords().stream().filter(r -> r.getType() == type).toList();
                return records.isEmpty()
                    ? new Answer(Answer.Kind.NO_RECORDS, List.of(), null)
                    : new Answer(Answer.Kind.FOUND, records, null);
              }
              Throwable cause = unwrap(error);
              if (cause instanceof NoSuchDomainException) {
                return new Answer(Answer.Kind.NO_DOMAIN, List.of(), null);
              }
              if (cause instanceof NoSuchRRSetException) {
                return new Answer(Answer.Kind.NO_RECORDS, List.of(), null);
              }
              if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return new Answer(Answer.Kind.TIMED_OUT, List.of(), null);
              }
              log.debug("DNS {} {} failed", Type.string(type), name, cause);
              return new Answer(
                  Answer.Kind.FAILED,
                  List.of(),
                  cause instanceof ServerFailedException
                      ? "server failure"
                      : cause.getClass().getSimpleName());
            });
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static CompletableFuture<Check> done(Check check) {
    return CompletableFuture.completedFuture(check);
  }

  private Resolver resolver(AddressProperties properties) {
    String address = properties.resolver().strip();
    if (address.isEmpty()) {
      // The system's name servers (resolv.conf, or the platform's equivalent), in turn.
      ExtendedResolver system = new ExtendedResolver();
      system.setTimeout(timeout);
      return system;
    }
    int colon = address.lastIndexOf(':');
    boolean hasPort = colon > address.lastIndexOf(']');
    String host = hasPort ? address.substring(0, colon) : address;
    int port = hasPort ? Integer.parseInt(address.substring(colon + 1)) : 53;
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalStateException("sequor.addresses.resolver: no port " + port);
    }
    try {
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
      resolver.setTimeout(timeout);
      return resolver;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "sequor.addresses.resolver: cannot resolve the host '" + host + "'", e);
    }
  }

  private static int seconds(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
  }
}
