package io.waypost.app.cli;

import io.waypost.core.discovery.dns.DnsTxtResolver;
import io.waypost.core.discovery.dns.EnrTreeException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * NSD (NLnet Labs' authoritative DNS server, from Debian) on a free loopback port, serving one zone
 * per name: an SOA and NS, then {@code $INCLUDE} of a TXT file the test (or {@code waypost dns
 * publish}) writes. {@link #restart()} makes it read changed files; {@link #close()} stops it.
 */
public final class Nsd implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final String probeName;
  private Process process;

  public Nsd(Path dir, List<String> zones) throws Exception {
    this.dir = Files.createDirectories(dir);
    this.probeName = zones.get(0);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      this.port = socket.getLocalPort();
    }
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("    port: ")
        .append(port)
        .append('\n')
        .append("    ip-address: 127.0.0.1\n")
        .append("    username: \"\"\n")
        .append("    chroot: \"\"\n")
        .append("    zonesdir: \"")
        .append(dir)
        .append("\"\n")
        .append("    pidfile: \"")
        .append(dir.resolve("nsd.pid"))
        .append("\"\n")
        .append("    database: \"\"\n")
        .append("    zonelistfile: \"")
        .append(dir.resolve("zone.list"))
        .append("\"\n")
        .append("    xfrdfile: \"")
        .append(dir.resolve("xfrd.state"))
        .append("\"\n")
        .append("    xfrdir: \"")
        .append(dir)
        .append("\"\n")
        .append("    logfile: \"")
        .append(dir.resolve("nsd.log"))
        .append("\"\n")
        .append("    server-count: 1\n")
        .append("remote-control:\n    control-enable: no\n");
    for (String zone : zones) {
      Path txt = txtFile(zone);
      if (!Files.exists(txt)) {
        Files.writeString(txt, "$ORIGIN " + zone + ".\n");
      }
      Files.writeString(
          dir.resolve(zone + ".wrapper"),
          "$ORIGIN "
              + zone
              + ".\n$TTL 60\n"
              + "@ IN SOA ns."
              + zone
              + ". admin."
              + zone
              + ". 1 3600 600 86400 60\n"
              + "@ IN NS ns."
              + zone
              + ".\n"
              + "$INCLUDE "
              + txt
              + "\n");
      conf.append("zone:\n    name: ")
          .append(zone)
          .append('\n')
          .append("    zonefile: \"")
          .append(dir.resolve(zone + ".wrapper"))
          .append("\"\n");
    }
    Files.writeString(dir.resolve("nsd.conf"), conf.toString());
    start();
  }

  /** The file of TXT records NSD includes for {@code zone}. */
  public Path txtFile(String zone) {
    return dir.resolve(zone + ".zone");
  }

  public String server() {
    return "127.0.0.1:" + port;
  }

  public void restart() throws Exception {
    stop();
    start();
  }

  private void start() throws Exception {
    Path nsd =
        Files.isExecutable(Path.of("/usr/sbin/nsd")) ? Path.of("/usr/sbin/nsd") : Path.of("nsd");
    process =
        new ProcessBuilder(nsd.toString(), "-d", "-c", dir.resolve("nsd.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nsd.out").toFile())
            .start();
    // Ready when it answers for its first zone (an empty TXT answer is an answer).
    DnsTxtResolver resolver = DnsTxtResolver.create(Optional.of(server()), Duration.ofMillis(300));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        resolver.txt(probeName);
        return;
      } catch (EnrTreeException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("nsd did not start (apt-get install nsd?): " + log(), e);
        }
        Thread.sleep(100);
      }
    }
  }

  private String log() throws IOException {
    Path out = dir.resolve("nsd.out");
    return Files.exists(out) ? Files.readString(out) : "no output";
  }

  private void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: NSD stops its server and xfrd children itself
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
