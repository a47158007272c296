package io.waypost.core.bench;

import com.sun.net.httpserver.HttpServer;
import io.waypost.core.request.AnswerSource;
import io.waypost.core.request.AnswerStream;
import io.waypost.core.request.EncryptedRequests;
import io.waypost.core.request.HttpBackend;
import io.waypost.core.request.RequestChannel;
import io.waypost.core.request.RequestEndpoint;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import org.apache.tuweni.bytes.Bytes;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Encrypted requests on loopback, one at a time, over the request stream the product uses
 * (RequestChannel → TCP → RequestEndpoint): latency (median, p95) and answer throughput for 1 KiB,
 * 64 KiB and 1 MiB answers to a 100-byte request, first from an in-memory service (the channel's
 * own cost: ECDH, HKDF, AES-GCM, the node's signature, TCP) and then through an HTTP backend on
 * loopback (the agent's --backend path, the JDK's HTTP server answering). Leaves out: the network
 * (loopback only), discovery and trust (done once before requests), a real service's own work. Run
 * with bench/core.sh request.
 */
public final class RequestBenchmark {

  public static void main(String[] args) throws Exception {
    int[] sizes = {1024, 64 * 1024, 1024 * 1024};
    ECKeyPair nodeKey = Keys.createEcKeyPair(new SecureRandom());
    Bytes nodePublicKey = Bytes.wrap(Numeric.toBytesPadded(nodeKey.getPublicKey(), 64));
    RequestChannel channel =
        RequestChannel.withDefaults(new EncryptedRequests(Clock.systemUTC(), new SecureRandom()));
    Bytes request = Bytes.wrap(new byte[100]);
    System.out.printf(
        Locale.ROOT,
        "%-14s %9s %10s %10s %10s %12s%n",
        "source",
        "answer",
        "requests",
        "median ms",
        "p95 ms",
        "MiB/s");
    for (int size : sizes) {
      byte[] answer = bytes(size);
      try (RequestEndpoint endpoint =
          RequestEndpoint.builder()
              .nodeKey(nodeKey)
              .source(r -> new ByteArrayInputStream(answer))
              .bind("127.0.0.1", 0)
              .build()) {
        run("in-memory", size, endpoint, channel, nodePublicKey, request);
      }
    }
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    for (int size : sizes) {
      byte[] answer = bytes(size);
      backend.createContext(
          "/" + size,
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          });
    }
    backend.start();
    try {
      for (int size : sizes) {
        try (HttpBackend http =
                HttpBackend.of("http://127.0.0.1:" + backend.getAddress().getPort() + "/" + size);
            RequestEndpoint endpoint =
                RequestEndpoint.builder()
                    .nodeKey(nodeKey)
                    .source((AnswerSource) http)
                    .bind("127.0.0.1", 0)
                    .build()) {
          run("http backend", size, endpoint, channel, nodePublicKey, request);
        }
      }
    } finally {
      backend.stop(0);
    }
  }

  private static void run(
      String source,
      int size,
      RequestEndpoint endpoint,
      RequestChannel channel,
      Bytes nodePublicKey,
      Bytes request)
      throws Exception {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", endpoint.port());
    int count = size >= 1024 * 1024 ? 100 : 400;
    for (int i = 0; i < count / 4; i++) { // warm-up: JIT, TCP, the backend's threads
      one(channel, address, nodePublicKey, request, size);
    }
    List<Long> nanos = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      one(channel, address, nodePublicKey, request, size);
      nanos.add(System.nanoTime() - t);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Collections.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%-14s %9s %10d %10.2f %10.2f %12.1f%n",
        source,
        size >= 1024 * 1024 ? size / (1024 * 1024) + " MiB" : size / 1024 + " KiB",
        count,
        nanos.get(count / 2) / 1e6,
        nanos.get(count * 95 / 100) / 1e6,
        (double) size * count / (1024 * 1024) / seconds);
  }

  private static void one(
      RequestChannel channel, InetSocketAddress address, Bytes key, Bytes request, int size)
      throws Exception {
    try (AnswerStream answer = channel.send(address, key, request)) {
      long read = answer.transferTo(OutputStream.nullOutputStream());
      if (read != size) {
        throw new IllegalStateException("answer of " + read + " bytes, expected " + size);
      }
    }
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
