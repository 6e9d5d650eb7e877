/** Benchmarks that print figures: API enrolments per second, bare workflow starts, history size. */
package io.sequor.bench;
