package io.sequor.inbound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The classifier is a plain library the worker and the api can both call. */
class ArchitectureTest {

  private static final JavaClasses INBOUND =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.sequor.inbound");

  @Test
  void inboundUsesNoSpringAndNoOtherSequorModule() {
    noClasses()
        .that()
        .resideInAPackage("io.sequor.inbound..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.sequor.workflows..",
            "io.sequor.domain..",
            "io.sequor.worker..",
            "io.sequor.api..",
            "io.sequor.app..")
        .because("the IMAP poller (worker) and the inbound webhook (api) both call it")
        .check(INBOUND);
  }
}
