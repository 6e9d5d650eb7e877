/** RFC 9457 problem details for every error, naming the field that is wrong and why. */
package io.sequor.api.problems;
