/** Side effects: activity implementations and the channel adapters behind their ports. */
package io.sequor.worker;
