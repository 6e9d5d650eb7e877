package io.sequor.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The module boundaries the layout promises. */
class ArchitectureTest {

  private static final JavaClasses SEQUOR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sequor");

  @Test
  void workflowsUseNoSpringAndNoIo() {
    noClasses()
        .that()
        .resideInAPackage("io.sequor.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "java.io..",
            "java.nio..",
            "java.net..",
            "java.sql..",
            "javax.sql..",
            "jakarta..",
            "io.sequor.domain..",
            "io.sequor.worker..",
            "io.sequor.api..",
            "io.sequor.app..")
        .because("workflow code must be deterministic; side effects belong in activities")
        .check(SEQUOR);
  }

  @Test
  void workflowsReadTimeAndRandomnessOnlyThroughTemporal() {
    noClasses()
        .that()
        .resideInAPackage("io.sequor.workflows..")
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(UUID.class, "randomUUID")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Clock.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Random.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Thread.class)
        .because("replay must reproduce every decision: use Workflow.currentTimeMillis and friends")
        .check(SEQUOR);
  }

  @Test
  void apiDoesNotReachIntoTheWorker() {
    noClasses()
        .that()
        .resideInAPackage("io.sequor.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sequor.worker..", "io.sequor.app..")
        .because("the api talks to workers only through Temporal")
        .check(SEQUOR);
  }

  @Test
  void workerDoesNotDependOnTheApi() {
    noClasses()
        .that()
        .resideInAPackage("io.sequor.worker..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sequor.api..", "io.sequor.app..")
        .check(SEQUOR);
  }

  @Test
  void domainDependsOnNeitherApiNorWorker() {
    noClasses()
        .that()
        .resideInAPackage("io.sequor.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sequor.api..", "io.sequor.worker..", "io.sequor.app..")
        .check(SEQUOR);
  }
}
