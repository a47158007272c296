package io.waypost.core.chain;

/** The JSON-RPC endpoint did not answer; the message names it and says what to check. */
public final class ChainUnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ChainUnreachableException(RpcEndpoint endpoint, Throwable cause) {
    this(endpoint.toString(), cause);
  }

  public ChainUnreachableException(String endpoint, Throwable cause) {
    super(
        "The Ethereum endpoint "
            + endpoint
            + " is unreachable ("
            + describe(cause)
            + "). Check that the node is running and the URL is right.",
        cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
