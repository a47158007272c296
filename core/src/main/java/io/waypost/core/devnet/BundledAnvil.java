package io.waypost.core.devnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tukaani.xz.XZInputStream;

/**
 * The anvil the installer bundles, xz-compressed: 11 MiB in the package instead of 38 MiB, for a
 * tool only the embedded devnet runs. The first devnet start unpacks it (a few seconds) into {@code
 * tools/} of the data directory, under a name made from the packed file's SHA-256, so an upgrade's
 * anvil never meets an older one; later starts find it there. It is written to a temporary file and
 * moved into place, so a start interrupted halfway leaves nothing half-written.
 */
final class BundledAnvil {

  private BundledAnvil() {}

  /** The executable anvil for {@code packed} (an {@code .xz} file), unpacked into {@code tools}. */
  static Path unpack(Path packed, Path tools) {
    try {
      Path anvil = tools.resolve("anvil-" + digest(packed));
      if (Files.isExecutable(anvil)) {
        return anvil;
      }
      Files.createDirectories(tools);
      Path partial = Files.createTempFile(tools, "anvil-", ".partial");
      try {
        try (InputStream in = new XZInputStream(Files.newInputStream(packed));
            OutputStream out = Files.newOutputStream(partial)) {
          in.transferTo(out);
        }
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(partial, anvil, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return anvil;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the bundled anvil (" + packed + ") could not be unpacked into " + tools + ": " + e, e);
    }
  }

  private static String digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
