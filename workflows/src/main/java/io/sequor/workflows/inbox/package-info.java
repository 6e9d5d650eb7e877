/**
 * Reading a sender mailbox: one long-running workflow per mailbox polls it through an activity and
 * waits between polls on a timer, woken early when the mailbox reports new mail.
 */
package io.sequor.workflows.inbox;
