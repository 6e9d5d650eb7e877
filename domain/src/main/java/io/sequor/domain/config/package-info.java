/** Operator settings, bound from {@code sequor.*} and validated at start-up. */
package io.sequor.domain.config;
