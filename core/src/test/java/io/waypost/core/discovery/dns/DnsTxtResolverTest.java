package io.waypost.core.discovery.dns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a user reads when the DNS server cannot be asked: the cause in words. */
class DnsTxtResolverTest {

  @Test
  void aServerThatIsNotThereIsNamedInWordsNotAsAJavaClass() throws Exception {
    int closed;
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      closed = socket.getLocalPort(); // free again once closed: nothing listens there
    }
    DnsTxtResolver resolver =
        DnsTxtResolver.create(Optional.of("127.0.0.1:" + closed), Duration.ofSeconds(2));
    EnrTreeException refused =
        assertThrows(EnrTreeException.class, () -> resolver.txt("nodes.example.org"));
    assertTrue(refused.getMessage().contains("cannot ask"), refused.getMessage());
    assertFalse(refused.getMessage().contains("Exception"), refused.getMessage());
  }
}
