package io.waypost.core.devnet;

import io.waypost.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Foundry binaries (anvil) that {@code npm ci} in contracts/ installs under {@code
 * contracts/node_modules/.bin}. Looked up in order: the {@code WAYPOST_ANVIL} variable or {@code
 * waypost.anvil} system property (a path to anvil itself); the anvil the installer bundled ({@code
 * waypost.bundled.anvil}, xz-compressed: see {@link BundledAnvil}); the {@code
 * waypost.contracts.dir} property or {@code WAYPOST_CONTRACTS_DIR} variable; a {@code contracts/}
 * folder in the working directory or one of its parents.
 */
public final class FoundryToolchain {

  private final Path anvil;

  private FoundryToolchain(Path anvil) {
    this.anvil = anvil;
  }

  public static FoundryToolchain locate() {
    List<Path> tried = new ArrayList<>();
    Optional<Path> explicit =
        firstSet(System.getenv("WAYPOST_ANVIL"), System.getProperty("waypost.anvil"));
    if (explicit.isPresent()) {
      Path path = explicit.get();
      if (Files.isExecutable(path)) {
        return new FoundryToolchain(path);
      }
      throw new IllegalStateException(
          "anvil is set to "
              + path
              + ", but no executable file is there. The embedded devnet needs Foundry's anvil:"
              + " install Foundry (getfoundry.sh) and set WAYPOST_ANVIL to its anvil, or use a"
              + " network profile instead of the devnet.");
    }
    Optional<Path> contracts =
        firstSet(
            System.getProperty("waypost.contracts.dir"), System.getenv("WAYPOST_CONTRACTS_DIR"));
    // The installer bundles anvil beside the app's jars when it had one to bundle, xz-compressed.
    Optional<Path> bundled = firstSet(System.getProperty("waypost.bundled.anvil"));
    if (bundled.isPresent()) {
      tried.add(bundled.get());
      if (bundled.get().toString().endsWith(".xz") && Files.isRegularFile(bundled.get())) {
        Path tools = DataDirectory.resolve(Optional.empty()).resolve("tools");
        return new FoundryToolchain(BundledAnvil.unpack(bundled.get(), tools));
      }
      if (Files.isExecutable(bundled.get())) {
        return new FoundryToolchain(bundled.get());
      }
    }
    List<Path> candidates = new ArrayList<>();
    contracts.ifPresent(candidates::add);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve("contracts"));
    }
    for (Path candidate : candidates) {
      Path binary = candidate.resolve("node_modules").resolve(".bin").resolve(executable("anvil"));
      tried.add(binary);
      if (Files.isExecutable(binary)) {
        return new FoundryToolchain(binary);
      }
    }
    throw new IllegalStateException(
        "anvil was not found (looked at "
            + tried
            + "). Run `npm ci` in contracts/ (the build and ./waypost do it for you), or set"
            + " WAYPOST_ANVIL to an anvil binary. The npm registry has Foundry builds for"
            + " linux-amd64 only; elsewhere install Foundry and set WAYPOST_ANVIL.");
  }

  public Path anvil() {
    return anvil;
  }

  private static Optional<Path> firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return Optional.of(Path.of(value));
      }
    }
    return Optional.empty();
  }

  private static String executable(String name) {
    return System.getProperty("os.name", "")
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("windows")
        ? name + ".exe"
        : name;
  }
}
