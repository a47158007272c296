package io.waypost.core.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.model.ProviderStatus;
import io.waypost.core.model.ServiceId;
import io.waypost.core.registry.Verification;
import io.waypost.core.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetTest {

  @TempDir Path dataDir;

  @Test
  void bootsDeploysAndSeedsEveryRole() throws Exception {
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try (Database db = Database.open(dataDir.resolve("waypost.db"));
        Devnet devnet =
            Devnet.start(
                new Devnet.Options(dataDir, false, FoundryToolchain.locate().anvil()),
                db,
                executor,
                Clock.systemUTC())) {
      Map<String, DevnetNode> nodes =
          devnet.nodes().stream().collect(Collectors.toMap(DevnetNode::name, Function.identity()));
      assertEquals(10, nodes.size());

      ServiceId mail = ServiceId.of("mailserver");
      List<Verification> verdicts =
          devnet
              .registry()
              .verifyBatch(
                  List.of(
                      nodes.get("status-mail-1").nodeId(),
                      nodes.get("nimbus-mail-1").nodeId(),
                      nodes.get("oldmail-mail-1").nodeId(),
                      nodes.get("unregistered-mail-1").nodeId()),
                  mail)
              .get();
      assertTrue(verdicts.get(0).trusted(), "Status's node is trusted");
      assertEquals(ProviderStatus.PENDING, verdicts.get(1).providerStatus());
      assertEquals(ProviderStatus.SUSPENDED, verdicts.get(2).providerStatus());
      assertFalse(verdicts.get(3).registered(), "the unregistered node is not in the registry");
      assertTrue(
          devnet
              .registry()
              .verify(nodes.get("status-push-1").nodeId(), ServiceId.of("push-notification"))
              .get()
              .trusted(),
          "push notifications work the same way");

      var rejected = devnet.registry().provider(Devnet.accounts().get(4).address()).get();
      assertEquals(ProviderStatus.REJECTED, rejected.status());
      assertEquals(4, devnet.registry().providers().get().size(), "Status and three applicants");

      Path keyFile = nodes.get("status-mail-1").keyFile();
      assertEquals(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(keyFile),
          "node keys are readable by their owner only");
    } finally {
      executor.shutdownNow();
    }
  }
}
