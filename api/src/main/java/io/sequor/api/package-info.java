/** The REST face: thin controllers that validate, start or signal workflows and read the store. */
package io.sequor.api;
