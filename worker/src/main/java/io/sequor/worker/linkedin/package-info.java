/** LinkedIn sending: the activity, the gateway port, the sandbox adapter and manual tasks. */
package io.sequor.worker.linkedin;
