package io.sequor.app.roles;

import io.sequor.domain.mailboxes.MailboxStore;

/**
 * The settings of the {@code default} mailbox, which Sequor creates at start-up when it is missing.
 * Without a bean of this type they come from {@code spring.mail.*} and {@code sequor.mail.from}.
 *
 * @param followsConfiguration when true, an existing default mailbox takes these address and
 *     servers at every start (the embedded runtime's mail server may move between runs)
 */
public record DefaultMailbox(MailboxStore.Draft draft, boolean followsConfiguration) {}
