/** Store bookkeeping for enrolments, and what every send activity reads before it sends. */
package io.sequor.worker.enrolments;
