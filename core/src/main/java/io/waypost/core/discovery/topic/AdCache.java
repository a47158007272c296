package io.waypost.core.discovery.topic;

import io.waypost.core.model.NodeId;
import io.waypost.core.model.ServiceId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.ethereum.beacon.discovery.schema.NodeRecord;

/**
 * A registrar's bounded store of admitted ads: at most one per (service, advertiser), each until
 * its expiry. Not thread-safe: the {@link Registrar} serialises access.
 */
final class AdCache {

  record Ad(ServiceId service, NodeId advertiser, NodeRecord enr, InetAddress ip, long expiresAt) {}

  private record Key(ServiceId service, NodeId advertiser) {}

  private record ServiceIp(ServiceId service, InetAddress ip) {}

  private final Map<Key, Ad> ads = new HashMap<>();
  private final Map<ServiceId, Integer> perService = new HashMap<>();
  private final Map<InetAddress, Integer> perIp = new HashMap<>();
  private final Map<ServiceIp, Integer> perServiceIp = new HashMap<>();
  private final TreeSet<Ad> byExpiry =
      new TreeSet<>(
          Comparator.comparingLong(Ad::expiresAt)
              .thenComparing(a -> a.service().value())
              .thenComparing(a -> a.advertiser().value()));
  private final IpPrefixTree ipTree = new IpPrefixTree();

  /** Drops every ad whose expiry is at or before {@code now}. */
  void expire(long now) {
    while (!byExpiry.isEmpty() && byExpiry.first().expiresAt() <= now) {
      remove(byExpiry.first());
    }
  }

  Optional<Ad> find(ServiceId service, NodeId advertiser) {
    return Optional.ofNullable(ads.get(new Key(service, advertiser)));
  }

  void put(Ad ad) {
    find(ad.service(), ad.advertiser()).ifPresent(this::remove);
    ads.put(new Key(ad.service(), ad.advertiser()), ad);
    byExpiry.add(ad);
    perService.merge(ad.service(), 1, Integer::sum);
    perIp.merge(ad.ip(), 1, Integer::sum);
    perServiceIp.merge(new ServiceIp(ad.service(), ad.ip()), 1, Integer::sum);
    ipTree.add(ad.ip());
  }

  private void remove(Ad ad) {
    ads.remove(new Key(ad.service(), ad.advertiser()));
    byExpiry.remove(ad);
    perService.computeIfPresent(ad.service(), (k, v) -> v == 1 ? null : v - 1);
    perIp.computeIfPresent(ad.ip(), (k, v) -> v == 1 ? null : v - 1);
    perServiceIp.computeIfPresent(
        new ServiceIp(ad.service(), ad.ip()), (k, v) -> v == 1 ? null : v - 1);
    ipTree.remove(ad.ip());
  }

  int size() {
    return ads.size();
  }

  int count(ServiceId service) {
    return perService.getOrDefault(service, 0);
  }

  int countFromIp(InetAddress ip) {
    return perIp.getOrDefault(ip, 0);
  }

  int countFromIp(ServiceId service, InetAddress ip) {
    return perServiceIp.getOrDefault(new ServiceIp(service, ip), 0);
  }

  double ipScore(InetAddress ip) {
    return ipTree.score(ip);
  }

  int ipTreeVertices() {
    return ipTree.vertices();
  }

  /** Up to {@code max} ads for a service, a fresh pseudo-random choice each call. */
  List<Ad> sample(ServiceId service, int max, Random random) {
    List<Ad> matching = new ArrayList<>();
    for (Ad ad : ads.values()) {
      if (ad.service().equals(service)) {
        matching.add(ad);
      }
    }
    Collections.shuffle(matching, random);
    return matching.subList(0, Math.min(max, matching.size()));
  }
}
