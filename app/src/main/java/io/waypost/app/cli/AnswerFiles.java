package io.waypost.app.cli;

import io.waypost.core.request.AnswerStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a streamed answer to a file only once the whole answer is verified: never half. */
final class AnswerFiles {

  private AnswerFiles() {}

  /**
   * Streams {@code answer} into a temporary file beside {@code target} and moves it into place
   * after the node's signed end is checked; on any failure the temporary file is removed and {@code
   * target} is untouched.
   *
   * @return the answer's length in bytes
   */
  static long writeVerified(AnswerStream answer, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path partial =
        Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
    try {
      long length;
      try (OutputStream out = Files.newOutputStream(partial)) {
        length = answer.transferTo(out);
      }
      Files.move(
          partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return length;
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
