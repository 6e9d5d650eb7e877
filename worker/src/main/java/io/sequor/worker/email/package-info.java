/** Email sending: the activity, the gateway port and its SMTP adapter (Jakarta Mail). */
package io.sequor.worker.email;
