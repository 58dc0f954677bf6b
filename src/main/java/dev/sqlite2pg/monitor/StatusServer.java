package dev.sqlite2pg.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sqlite2pg.SyncStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code --http HOST:PORT}: {@code /metrics} (Prometheus text), {@code /health} (200 when healthy
 * and within the lag limit, else 503 with the reason), {@code /status} (the JSON of {@code sync
 * status}) and {@code /}, a page a person can watch. The JDK's own server: four read-only routes
 * need no framework (design 3.10).
 */
@SuppressForbidden("com.sun.net.httpserver is jdk.httpserver's exported API")
public final class StatusServer implements AutoCloseable {

  private static final String PAGE = "/dev/sqlite2pg/monitor/status.html";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService pool;

  private StatusServer(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  /**
   * Serves at {@code at} (port 0: any free port) until closed.
   *
   * @param status reads the status from both databases; called once per request
   */
  public static StatusServer start(
      InetSocketAddress at, Supplier<SyncStatus> status, ApplyMetrics metrics, Duration maxLag) {
    HttpServer server;
    try {
      server = HttpServer.create(at, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + at.getHostString()
              + ":"
              + at.getPort()
              + " ("
              + e.getMessage()
              + "): choose another --http address",
          e);
    }
    ExecutorService pool =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sqlite2pg-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext(
        "/metrics",
        x ->
            respond(
                x,
                () ->
                    new Reply(
                        200,
                        "text/plain; version=0.0.4; charset=utf-8",
                        PrometheusText.render(status.get(), metrics.snapshot()))));
    server.createContext("/health", x -> respond(x, () -> health(status.get(), maxLag)));
    server.createContext(
        "/status",
        x -> respond(x, () -> new Reply(200, "application/json", status.get().toJson(maxLag))));
    server.createContext("/", StatusServer::page);
    server.start();
    return new StatusServer(server, pool);
  }

  /** Where it listens (the port chosen when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** /health: 200 when healthy and within the lag limit, else 503 with the reason. */
  private static Reply health(SyncStatus s, Duration maxLag) {
    return s.healthy(maxLag)
        ? new Reply(200, TEXT, "ok: " + s.phase().label() + "\n")
        : new Reply(503, TEXT, "unhealthy: " + s.problem(maxLag) + "\n");
  }

  private static void page(HttpExchange x) throws IOException {
    if (!x.getRequestURI().getPath().equals("/")) {
      send(x, 404, TEXT, "not found: try /, /status, /metrics, /health\n");
      return;
    }
    try (InputStream in = StatusServer.class.getResourceAsStream(PAGE)) {
      send(
          x,
          200,
          "text/html; charset=utf-8",
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** What a route answers. */
  private record Reply(int code, String type, String body) {}

  /** {@code reply} computed now; a failure to read the databases is a 503 naming it. */
  private static void respond(HttpExchange x, Supplier<Reply> reply) throws IOException {
    Reply r;
    try {
      r = reply.get();
    } catch (RuntimeException e) {
      r = new Reply(503, TEXT, "unhealthy: status unavailable: " + e.getMessage() + "\n");
    }
    send(x, r.code(), r.type(), r.body());
  }

  private static void send(HttpExchange x, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = x.getRequestMethod().equals("HEAD");
    x.sendResponseHeaders(code, head ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
