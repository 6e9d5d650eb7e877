package io.sequor.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a local port, as a client would run one: it keeps every request it accepted
 * (answered 2xx) and answers with the status the test sets. It can be started late on a port
 * reserved before, so that until then posts to it are refused.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request the receiver accepted, exactly as it arrived. */
  record Received(String eventId, String timestamp, String signature, String body) {}

  final int port;
  final List<Received> accepted = new CopyOnWriteArrayList<>();
  final AtomicInteger answer = new AtomicInteger(200);
  final AtomicInteger refusedWith = new AtomicInteger();
  private HttpServer server;

  private WebhookReceiver(int port) {
    this.port = port;
  }

  /** A receiver that is down: its port is free and nothing listens on it yet. */
  static WebhookReceiver down() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return new WebhookReceiver(socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WebhookReceiver up() {
    WebhookReceiver receiver = down();
    receiver.start();
    return receiver;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks/sequor";
  }

  void start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/hooks/sequor",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = answer.get();
          if (status / 100 == 2) {
            accepted.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("Sequor-Event-Id"),
                    exchange.getRequestHeaders().getFirst("Sequor-Timestamp"),
                    exchange.getRequestHeaders().getFirst("Sequor-Signature"),
                    body));
          } else {
            refusedWith.incrementAndGet();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
