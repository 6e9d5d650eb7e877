package io.sequor.domain.campaigns;

import java.util.List;
import java.util.UUID;

/**
 * Who a campaign is for: a list of prospects, or a saved filter over the workspace's prospects that
 * is resolved when the campaign launches.
 *
 * @param prospectIds the prospects, when the audience is a list
 * @param filter the filter, when the audience is a saved filter
 */
public record Audience(List<UUID> prospectIds, Filter filter) {

  /**
   * A saved filter; every given criterion must match, and an empty filter matches every prospect.
   *
   * @param company the company name, ignoring case and surrounding spaces
   * @param emailDomain the domain of the email address, ignoring case
   * @param segment the prospect's segment
   * @param timezone the IANA zone of the prospect
   * @param hasEmail true: only prospects with an email address; false: only those without
   * @param hasLinkedin true: only prospects with a LinkedIn URL; false: only those without
   */
  public record Filter(
      String company,
      String emailDomain,
      String segment,
      String timezone,
      Boolean hasEmail,
      Boolean hasLinkedin) {}
}
