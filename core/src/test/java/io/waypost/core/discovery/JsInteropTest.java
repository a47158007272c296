package io.waypost.core.discovery;

import static io.waypost.core.discovery.LocalNetwork.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.enr.NodeRecords;
import io.waypost.core.discovery.enr.ServiceEntry;
import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interop with ChainSafe's JavaScript discv5 (interop/discv5-js, started as a child process): the
 * Java node finds it with its service entry, and it finds the Java nodes.
 */
@Timeout(120)
class JsInteropTest {

  static final ServiceId MAIL = ServiceId.of("mailserver");
  static final Pattern NODE_ID = Pattern.compile("\"nodeId\":\"(?:0x)?([0-9a-f]{64})\"");
  static final Pattern ENR = Pattern.compile("\"enr\":\"(enr:[^\"]+)\"");

  @Test
  void javaAndJavaScriptNodesFindEachOther() throws Exception {
    Path dir = Path.of(System.getProperty("waypost.interop.discv5js.dir", "../interop/discv5-js"));
    assertTrue(
        Files.isDirectory(dir.resolve("node_modules/@chainsafe/discv5")),
        "run the Maven build (it runs npm ci in " + dir + ")");
    try (LocalNetwork network = new LocalNetwork(TopicParameters.defaults())) {
      List<DiscoveryNode> java = network.start(4, i -> {});
      DiscoveryNode searcher = java.get(3);
      String host = LocalNetwork.nextAddress();
      int port = LocalNetwork.freeUdpPort(host);
      Process js =
          new ProcessBuilder(
                  "node",
                  "node.mjs",
                  "--ip",
                  host,
                  "--port",
                  Integer.toString(port),
                  "--bootnode",
                  java.get(0).localEnr(),
                  "--wps",
                  ServiceEntry.encode(List.of(MAIL)).toUnprefixedHexString())
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      long pid = js.pid();
      try {
        List<String> lines = new CopyOnWriteArrayList<>();
        Set<String> seenByJs = ConcurrentHashMap.newKeySet();
        Thread reader =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (BufferedReader in =
                          new BufferedReader(
                              new InputStreamReader(js.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                          lines.add(line);
                          Matcher m = NODE_ID.matcher(line);
                          if (line.contains("\"event\":\"node\"") && m.find()) {
                            seenByJs.add(m.group(1));
                          }
                        }
                      } catch (java.io.IOException e) {
                        // the process ended
                      }
                    });
        await(
            "the JS node is ready",
            Duration.ofSeconds(30),
            () -> lines.stream().anyMatch(l -> l.contains("\"event\":\"ready\"")));
        String readyLine =
            lines.stream().filter(l -> l.contains("\"event\":\"ready\"")).findFirst().orElseThrow();
        Matcher enr = ENR.matcher(readyLine);
        assertTrue(enr.find(), readyLine);
        NodeRecord jsRecord = NodeRecords.parseEnr(enr.group(1));
        assertTrue(ServiceEntry.provides(jsRecord, MAIL), "the JS record carries the entry");

        await(
            "the Java searcher finds the JS node by its service entry",
            Duration.ofSeconds(60),
            () ->
                searcher.searchByEnrWalk(MAIL, 5, 100).join().found().stream()
                    .anyMatch(r -> r.getNodeId().equals(jsRecord.getNodeId())));
        await(
            "the JS node finds the Java nodes",
            Duration.ofSeconds(60),
            () ->
                java.stream()
                        .filter(
                            n ->
                                seenByJs.contains(
                                    n.localRecord().getNodeId().toUnprefixedHexString()))
                        .count()
                    >= 3);
        reader.interrupt();
      } finally {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (!js.waitFor(10, TimeUnit.SECONDS)) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          js.waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }
}
