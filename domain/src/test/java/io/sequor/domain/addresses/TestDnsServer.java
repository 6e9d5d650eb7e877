package io.sequor.domain.addresses;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests, on 127.0.0.1, answering real DNS messages over UDP
 * and TCP (same port) from a script: MX records, address-only domains, null MX, "no such domain",
 * server failure, a truncated UDP answer that must be fetched again over TCP, and silence. Names
 * not scripted get the fallback chosen at start: "no such domain", or a mail server, so that tests
 * enrolling prospects at any domain keep working.
 */
public final class TestDnsServer implements AutoCloseable {

  /** What an unscripted name gets. */
  public enum Fallback {
    NO_SUCH_DOMAIN,
    MAIL_SERVER
  }

  private enum Behaviour {
    DATA,
    NO_SUCH_DOMAIN,
    SERVER_FAILURE,
    SILENT,
    TRUNCATED_OVER_UDP
  }

  private record Zone(Behaviour behaviour, List<String> mx, boolean a, boolean aaaa, long ttl) {}

  private static final long TTL = 300;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final Fallback fallback;
  private final Map<String, Zone> zones = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private volatile boolean open = true;

  private TestDnsServer(Fallback fallback) throws IOException {
    this.fallback = fallback;
    DatagramSocket boundUdp = null;
    ServerSocket boundTcp = null;
    for (int attempt = 0; boundTcp == null; attempt++) {
      boundUdp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
      try {
        boundTcp = new ServerSocket(boundUdp.getLocalPort(), 50, LOOPBACK);
      } catch (BindException taken) {
        boundUdp.close();
        if (attempt == 20) {
          throw taken;
        }
      }
    }
    this.udp = boundUdp;
    this.tcp = boundTcp;
    daemon("test-dns-udp", this::serveUdp);
    daemon("test-dns-tcp", this::serveTcp);
  }

  public static TestDnsServer start(Fallback fallback) {
    try {
      return new TestDnsServer(fallback);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:port}, the form {@code sequor.addresses.resolver} takes. */
  public String address() {
    return LOOPBACK.getHostAddress() + ":" + udp.getLocalPort();
  }

  public TestDnsServer mx(String domain, String... hosts) {
    return script(domain, new Zone(Behaviour.DATA, List.of(hosts), true, false, TTL));
  }

  public TestDnsServer mxWithTtl(String domain, long ttl, String host) {
    return script(domain, new Zone(Behaviour.DATA, List.of(host), true, false, ttl));
  }

  /** RFC 7505: one MX record, preference 0, target the root. */
  public TestDnsServer nullMx(String domain) {
    return script(domain, new Zone(Behaviour.DATA, List.of("."), true, false, TTL));
  }

  /** No MX record; an A record. */
  public TestDnsServer addressOnly(String domain) {
    return script(domain, new Zone(Behaviour.DATA, List.of(), true, false, TTL));
  }

  /** No MX or A record; an AAAA record. */
  public TestDnsServer ipv6Only(String domain) {
    return script(domain, new Zone(Behaviour.DATA, List.of(), false, true, TTL));
  }

  /** The domain exists, with no MX, A or AAAA record. */
  public TestDnsServer noMailHost(String domain) {
    return script(domain, new Zone(Behaviour.DATA, List.of(), false, false, TTL));
  }

  /** NXDOMAIN, with the SOA whose minimum is the negative TTL. */
  public TestDnsServer noSuchDomain(String domain, long negativeTtl) {
    return script(domain, new Zone(Behaviour.NO_SUCH_DOMAIN, List.of(), false, false, negativeTtl));
  }

  public TestDnsServer serverFailure(String domain) {
    return script(domain, new Zone(Behaviour.SERVER_FAILURE, List.of(), false, false, TTL));
  }

  /** Never answers anything about the domain. */
  public TestDnsServer silent(String domain) {
    return script(domain, new Zone(Behaviour.SILENT, List.of(), false, false, TTL));
  }

  /** Over UDP, an empty answer with the TC flag; over TCP, the MX record. */
  public TestDnsServer truncatedOverUdp(String domain, String host) {
    return script(domain, new Zone(Behaviour.TRUNCATED_OVER_UDP, List.of(host), false, false, TTL));
  }

  /** How many questions of this type about this name arrived, over UDP or TCP. */
  public int queries(String domain, int type) {
    AtomicInteger count = queries.get(key(domain, type));
    return count == null ? 0 : count.get();
  }

  public int tcpQueries() {
    return tcpQueries.get();
  }

  @Override
  public void close() {
    open = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private TestDnsServer script(String domain, Zone zone) {
    zones.put(normal(domain), zone);
    return this;
  }

  private void serveUdp() {
    byte[] buffer = new byte[4096];
    while (open) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        Optional<Message> answer = answer(query, false);
        if (answer.isPresent()) {
          byte[] wire = answer.get().toWire();
          udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException badQuery) {
        // not a DNS message: ignore it, as a server would
      }
    }
  }

  private void serveTcp() {
    while (open) {
      try {
        Socket socket = tcp.accept();
        daemon("test-dns-tcp-connection", () -> serveConnection(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serveConnection(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (open) {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        tcpQueries.incrementAndGet();
        Optional<Message> answer = answer(new Message(wire), true);
        if (answer.isEmpty()) {
          continue;
        }
        byte[] reply = answer.get().toWire();
        out.writeShort(reply.length);
        out.write(reply);
        out.flush();
      }
    } catch (EOFException done) {
      // the client closed the connection
    } catch (IOException e) {
      // the connection broke; the client will see it
    }
  }

  private Optional<Message> answer(Message query, boolean overTcp) throws TextParseException {
    Record question = query.getQuestion();
    if (question == null) {
      return Optional.empty();
    }
    Name name = question.getName();
    int type = question.getType();
    String domain = normal(name.toString());
    queries.computeIfAbsent(key(domain, type), k -> new AtomicInteger()).incrementAndGet();
    Zone zone = zones.get(domain);
    if (zone == null) {
      zone =
          fallback == Fallback.MAIL_SERVER
              ? new Zone(Behaviour.DATA, List.of("mx." + domain), true, false, TTL)
              : new Zone(Behaviour.NO_SUCH_DOMAIN, List.of(), false, false, TTL);
    }
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
      response.getHeader().setFlag(Flags.RA);
    }
    response.addRecord(question, Section.QUESTION);
    switch (zone.behaviour()) {
      case SILENT -> {
        return Optional.empty();
      }
      case SERVER_FAILURE -> response.getHeader().setRcode(Rcode.SERVFAIL);
      case NO_SUCH_DOMAIN -> {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        response.addRecord(soa(zoneOf(name), zone.ttl()), Section.AUTHORITY);
      }
      case TRUNCATED_OVER_UDP -> {
        if (overTcp) {
          data(response, name, type, zone);
        } else {
          response.getHeader().setFlag(Flags.TC);
        }
      }
      case DATA -> data(response, name, type, zone);
    }
    return Optional.of(response);
  }

  private static void data(Message response, Name name, int type, Zone zone)
      throws TextParseException {
    boolean any = false;
    if (type == Type.MX) {
      for (String host : zone.mx()) {
        Name target = host.equals(".") ? Name.root : Name.fromString(host, Name.root);
        response.addRecord(
            new MXRecord(name, DClass.IN, zone.ttl(), host.equals(".") ? 0 : 10, target),
            Section.ANSWER);
        any = true;
      }
    } else if (type == Type.A && zone.a()) {
      response.addRecord(
          new ARecord(name, DClass.IN, zone.ttl(), new byte[] {(byte) 192, 0, 2, 10}),
          Section.ANSWER);
      any = true;
    } else if (type == Type.AAAA && zone.aaaa()) {
      byte[] v6 = new byte[16];
      v6[0] = 0x20;
      v6[1] = 0x01;
      v6[2] = 0x0d;
      v6[3] = (byte) 0xb8;
      v6[15] = 0x10;
      response.addRecord(new AAAARecord(name, DClass.IN, zone.ttl(), v6), Section.ANSWER);
      any = true;
    }
    if (!any) {
      // NODATA: the name exists without records of this type.
      response.addRecord(soa(name, zone.ttl()), Section.AUTHORITY);
    }
  }

  private static SOARecord soa(Name zone, long negativeTtl) throws TextParseException {
    return new SOARecord(
        zone,
        DClass.IN,
        negativeTtl,
        Name.fromString("ns.test-dns.", Name.root),
        Name.fromString("hostmaster.test-dns.", Name.root),
        1,
        3600,
        600,
        86400,
        negativeTtl);
  }

  /** The enclosing zone of a name that does not exist: its parent. */
  private static Name zoneOf(Name name) {
    return name.labels() > 2 ? new Name(name, 1) : name;
  }

  private static String key(String domain, int type) {
    return normal(domain) + "/" + Type.string(type);
  }

  private static String normal(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
