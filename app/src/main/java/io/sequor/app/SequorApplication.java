package io.sequor.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One jar, three ways to run: profile {@code embedded} (the default: api + worker + in-process
 * Temporal, PostgreSQL and mailbox), {@code api}, or {@code worker} against real services.
 */
@SpringBootApplication
public class SequorApplication {

  public static void main(String[] args) {
    try {
      SpringApplication.run(SequorApplication.class, args);
    } catch (RuntimeException startupFailure) {
      // In-process services keep non-daemon threads; exit so their shutdown hooks run.
      System.exit(1);
    }
  }
}
