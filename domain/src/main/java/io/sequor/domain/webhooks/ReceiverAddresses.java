package io.sequor.domain.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhook deliveries off internal networks. A subscription URL is the caller's to choose, so
 * without this check any API key could make Sequor post to a cloud metadata service, a database's
 * HTTP port or an admin page behind the firewall (server-side request forgery). Checked when a
 * subscription is saved and again before every delivery, since a name can be pointed elsewhere
 * after it was checked.
 */
public final class ReceiverAddresses {

  private ReceiverAddresses() {}

  /**
   * Why a delivery to this host must not happen, or empty when every address it resolves to is a
   * public one (or it resolves to none).
   *
   * @param host a name or an address literal (IPv6 with or without brackets)
   */
  public static Optional<String> forbidden(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      // Nothing to reach: the delivery fails and retries like any unreachable receiver, and the
      // name is checked again then. Refusing here would make a DNS hiccup a client error.
      return Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (internal(address)) {
        return Optional.of(
            "its host resolves to "
                + address.getHostAddress()
                + ", a private or internal address; receivers inside your network need"
                + " sequor.webhooks.allow-private-addresses");
      }
    }
    return Optional.empty();
  }

  /**
   * Loopback, private (RFC 1918, IPv6 unique local), link-local (which holds cloud metadata
   * services), carrier-grade NAT, "this network", multicast and the unspecified address.
   */
  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
    }
    if (address instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc;
    }
    return false;
  }
}
