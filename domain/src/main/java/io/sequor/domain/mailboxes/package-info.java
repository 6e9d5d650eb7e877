/**
 * Sender mailboxes: the SMTP (and optional IMAP) accounts email goes out from, their sealed
 * credentials, connection tests, and the choice of a mailbox for each enrolment.
 */
package io.sequor.domain.mailboxes;
