package io.waypost.core.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The packed anvil is unpacked once, executable, byte for byte; a new package gets its own. */
class BundledAnvilTest {

  @TempDir Path dir;

  @Test
  void unpacksOnceIntoAnExecutableThatRuns() throws Exception {
    byte[] script = "#!/bin/sh\necho anvil 1.0\n".getBytes(StandardCharsets.US_ASCII);
    Path packed = pack(dir.resolve("anvil.xz"), script);
    Path tools = dir.resolve("data/tools");

    Path anvil = BundledAnvil.unpack(packed, tools);
    assertTrue(Files.isExecutable(anvil));
    assertArrayEquals(script, Files.readAllBytes(anvil));
    Process run = new ProcessBuilder(anvil.toString()).start();
    assertTrue(run.waitFor(10, TimeUnit.SECONDS));
    assertEquals("anvil 1.0\n", new String(run.getInputStream().readAllBytes()));
    try (var files = Files.list(tools)) {
      assertEquals(1, files.count(), "no partial file left beside it");
    }

    long written = Files.getLastModifiedTime(anvil).toMillis();
    Files.setLastModifiedTime(anvil, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    assertEquals(anvil, BundledAnvil.unpack(packed, tools));
    assertEquals(
        written - 60_000, Files.getLastModifiedTime(anvil).toMillis(), "not unpacked twice");

    Path upgraded = pack(dir.resolve("new/anvil.xz"), "#!/bin/sh\necho anvil 2.0\n".getBytes());
    assertNotEquals(anvil, BundledAnvil.unpack(upgraded, tools));
  }

  private static Path pack(Path file, byte[] content) throws Exception {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())) {
      out.write(content);
    }
    return file;
  }
}
