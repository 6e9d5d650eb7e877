/**
 * The runnable: picks the api and worker roles by profile and, by default, the embedded runtime.
 */
package io.sequor.app;
