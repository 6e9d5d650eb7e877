/** Reading replies from sender mailboxes over IMAP: the poll activity and the IDLE watchers. */
package io.sequor.worker.inbox;
