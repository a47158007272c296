package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyTest {

  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyKeyFileAndReadsTheSameKeyBack() throws Exception {
    Path file = dir.resolve("keys/node.key");
    NodeKey created = NodeKey.loadOrCreate(file, new SecureRandom());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    NodeKey loaded = NodeKey.loadOrCreate(file, new SecureRandom());
    assertEquals(created.nodeId(), loaded.nodeId());
    assertEquals(64, created.publicKey().size());
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws Exception {
    Path file = dir.resolve("node.key");
    NodeKey.loadOrCreate(file, new SecureRandom());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> NodeKey.loadOrCreate(file, new SecureRandom()));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void refusesAFileThatIsNotAKey() throws Exception {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "hello");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThrows(IllegalStateException.class, () -> NodeKey.loadOrCreate(file, new SecureRandom()));
  }
}
