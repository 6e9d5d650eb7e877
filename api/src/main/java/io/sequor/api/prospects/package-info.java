/** Reading a prospect as the store keeps it, with the verdict on its email address. */
package io.sequor.api.prospects;
