package io.sequor.domain.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressListsTest {

  private static AddressLists lists(Map<String, String> values) {
    return new AddressLists(Addresses.properties(values));
  }

  @Nested
  class BuiltIn {

    private final AddressLists lists = lists(Map.of());

    @Test
    void knowsRoleAddressesWhateverTheirCaseOrTag() {
      assertThat(lists.role("info")).isTrue();
      assertThat(lists.role("Sales")).isTrue();
      assertThat(lists.role("support+eu")).isTrue();
      assertThat(lists.role("no-reply")).isTrue();
      assertThat(lists.role("ada")).isFalse();
      assertThat(lists.role("sales.director")).as("a person with a role in the name").isFalse();
    }

    @Test
    void knowsDisposableDomainsAndTheirSubdomains() {
      assertThat(lists.disposable("mailinator.com")).isTrue();
      assertThat(lists.disposable("eu.mailinator.com")).isTrue();
      assertThat(lists.disposable("gmail.com")).isFalse();
      assertThat(lists.disposable("example.com")).isFalse();
      assertThat(lists.disposable("com")).isFalse();
    }
  }

  @Nested
  class AnOperatorsFiles {

    @TempDir Path dir;

    private Path file(String name, String content) throws IOException {
      return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void extendTheBuiltInListsByDefault() throws IOException {
      AddressLists lists =
          lists(
              Map.of(
                  "disposable-domains-file",
                  file("d.txt", "# ours\n\nBurner.Example\n").toString(),
                  "role-local-parts-file",
                  file("r.txt", "partnerships\n").toString()));
      assertThat(lists.disposable("burner.example")).isTrue();
      assertThat(lists.disposable("mailinator.com")).isTrue();
      assertThat(lists.role("partnerships")).isTrue();
      assertThat(lists.role("info")).isTrue();
    }

    @Test
    void replaceThemWhenAsked() throws IOException {
      AddressLists lists =
          lists(
              Map.of(
                  "disposable-domains-file",
                  file("d.txt", "burner.example\n").toString(),
                  "disposable-domains-mode",
                  "REPLACE",
                  "role-local-parts-file",
                  file("r.txt", "partnerships\n").toString(),
                  "role-local-parts-mode",
                  "REPLACE"));
      assertThat(lists.disposable("burner.example")).isTrue();
      assertThat(lists.disposable("mailinator.com")).isFalse();
      assertThat(lists.role("info")).isFalse();
    }

    @Test
    void thatCannotBeReadStopTheStartWithTheSettingsName() {
      assertThatThrownBy(
              () -> lists(Map.of("role-local-parts-file", dir.resolve("missing.txt").toString())))
          .hasMessageContaining("sequor.addresses.role-local-parts-file")
          .hasMessageContaining("missing.txt");
    }
  }
}
