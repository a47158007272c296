package io.waypost.core.request;

import org.apache.tuweni.bytes.Bytes;

/**
 * What a server node does with a decrypted request: a mail server answers "messages for these
 * topics between a and b"; the agent's default answers probes. The bytes are opaque to Waypost.
 */
@FunctionalInterface
public interface RequestHandler {
  Bytes handle(Bytes request) throws Exception;
}
