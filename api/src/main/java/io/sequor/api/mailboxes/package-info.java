/** Sender mailboxes over HTTP: create, read, update, disable, test the connection, list slots. */
package io.sequor.api.mailboxes;
