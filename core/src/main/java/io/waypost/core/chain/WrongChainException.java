package io.waypost.core.chain;

/** The endpoint serves another chain than the profile says: never talk to it silently. */
public final class WrongChainException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WrongChainException(RpcEndpoint endpoint, long expected, long actual) {
    super(
        "The endpoint "
            + endpoint
            + " serves chain id "
            + actual
            + ", but the network profile expects chain id "
            + expected
            + ". Fix the profile's chain id or its RPC URL.");
  }
}
