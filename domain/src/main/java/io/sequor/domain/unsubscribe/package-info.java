/**
 * One-click unsubscribe (RFC 8058): the signed links every email carries, what a click does (stop
 * every live enrolment of the address and suppress it), and what the suppression list means for a
 * new enrolment.
 */
package io.sequor.domain.unsubscribe;
