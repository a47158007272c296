package io.waypost.core.request;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.apache.tuweni.bytes.Bytes;

/**
 * Where a node's answers come from when they are streamed: a decrypted request in, the answer's
 * bytes out as the service produces them (the node seals and sends each piece as it is read). The
 * agent's {@code --backend} is one ({@link HttpBackend}); any {@link RequestHandler} is another.
 */
@FunctionalInterface
public interface AnswerSource {

  /**
   * Starts answering {@code request}; the node reads the returned stream to its end and closes it.
   *
   * @throws Exception when the service cannot answer: the client gets a signed refusal naming it
   */
  InputStream answer(Bytes request) throws Exception;

  /** A handler that answers in one piece, as a source. */
  static AnswerSource of(RequestHandler handler) {
    return request -> new ByteArrayInputStream(handler.handle(request).toArrayUnsafe());
  }
}
