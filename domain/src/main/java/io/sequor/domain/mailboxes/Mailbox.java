package io.sequor.domain.mailboxes;

import io.sequor.domain.pacing.MailboxPacing;
import java.time.Instant;
import java.util.Optional;

/**
 * A sender mailbox: the address email goes out from and the servers behind it.
 *
 * @param imap where replies to this address can be read, when configured
 * @param pacing how fast it may send; empty: it sends each email when due
 * @param enabled a disabled mailbox sends nothing and cannot be chosen for new enrolments
 * @param version grows with every change of settings; a cached mail session of an older version is
 *     stale
 */
public record Mailbox(
    String id,
    String fromAddress,
    String displayName,
    MailServer smtp,
    Optional<MailServer> imap,
    Optional<MailboxPacing> pacing,
    boolean enabled,
    int version,
    Instant createdAt,
    Instant updatedAt) {}
