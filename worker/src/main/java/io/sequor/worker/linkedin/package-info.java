/**
 * LinkedIn sending: the activity, the gateway port, the sandbox adapter and manual tasks; the HTTP
 * provider adapter is in {@code provider}.
 */
package io.sequor.worker.linkedin;
