package io.waypost.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.waypost.core.discovery.topic.TopicParameters;
import io.waypost.core.model.ServiceId;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-(service, IP) cap on real UDP: six real discv5 nodes on one loopback address, each with
 * its own key, advertise one service to a registrar; it never holds more than three of their ads,
 * and an advertiser on another address still gets in. In the simulator without the cap, 50 nodes
 * behind one IP held 29 ads of one service at one registrar.
 */
class TopicIpCapTest {

  private static final ServiceId MAIL = ServiceId.of("mailserver");

  @Test
  void sixNodesBehindOneAddressHoldAtMostThreeAdsOfOneService() throws Exception {
    TopicParameters parameters = TopicParameters.defaults().withAdLifetime(Duration.ofSeconds(2));
    assertEquals(3, parameters.maxAdsPerTopicIp(), "the product's cap");
    try (LocalNetwork network = new LocalNetwork(parameters)) {
      DiscoveryNode registrar = network.add(network.builder(LocalNetwork.nextAddress()));
      String sharedHost = LocalNetwork.nextAddress();
      InetAddress shared = InetAddress.getByName(sharedHost);
      for (int i = 0; i < 6; i++) {
        network.add(network.builder(sharedHost).advertise(MAIL));
      }
      String otherHost = LocalNetwork.nextAddress();
      network.add(network.builder(otherHost).advertise(MAIL));
      InetAddress other = InetAddress.getByName(otherHost);

      AtomicInteger most = new AtomicInteger();
      LocalNetwork.await(
          "the registrar holds 3 ads from the shared address and the other advertiser's",
          Duration.ofSeconds(60),
          () -> {
            int held = registrar.registrar().adCountFromIp(MAIL, shared);
            most.accumulateAndGet(held, Math::max);
            return held == 3 && registrar.registrar().adCountFromIp(MAIL, other) == 1;
          });
      // Keep watching for five ad lifetimes: the six keep renewing and retrying all along.
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      LocalNetwork.await(
          "five ad lifetimes of renewals and retries",
          Duration.ofSeconds(20),
          () -> {
            most.accumulateAndGet(registrar.registrar().adCountFromIp(MAIL, shared), Math::max);
            return System.nanoTime() > until;
          });
      assertTrue(
          most.get() <= 3, "at most 3 ads of one service from one address, saw " + most.get());
    }
  }
}
