package io.waypost.core.discovery.peers;

/** How a service peer was found. */
public enum PeerSource {
  TOPIC_QUERY,
  ENR_WALK,
  BOOTNODE,
  /** An EIP-1459 node list read over DNS. */
  DNS_TREE,
  CUSTOM
}
