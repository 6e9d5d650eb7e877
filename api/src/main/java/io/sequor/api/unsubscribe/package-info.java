/** The public one-click unsubscribe endpoint every email's List-Unsubscribe header points at. */
package io.sequor.api.unsubscribe;
