/**
 * The embedded runtime: Temporal's test server, PostgreSQL and a mailbox started in-process, so a
 * newcomer runs Sequor with nothing but a JDK.
 */
package io.sequor.app.embedded;
