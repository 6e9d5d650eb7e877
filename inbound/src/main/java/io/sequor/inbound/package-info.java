/**
 * Tells what an inbound email is: a prospect's reply, an out-of-office, a bounce, an unsubscribe
 * request, or a copy of our own message; and what a human reply says (agrees to a call, asks for
 * the asset, routes to the owner, declines, …). Plain Java on Jakarta Mail, no Spring, no I/O of
 * its own.
 */
package io.sequor.inbound;
