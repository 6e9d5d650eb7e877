package io.sequor.domain.addresses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The disposable domains and role local parts, read once at start-up from the data files shipped in
 * this package, extended or replaced by an operator's files ({@code sequor.addresses.*-file}).
 */
@Component
class AddressLists {

  private final Set<String> disposableDomains;
  private final Set<String> roleLocalParts;

  AddressLists(AddressProperties properties) {
    this.disposableDomains =
        load(
            "disposable-domains.txt",
            "sequor.addresses.disposable-domains-file",
            properties.disposableDomainsFile(),
            properties.disposableDomainsMode());
    this.roleLocalParts =
        load(
            "role-local-parts.txt",
            "sequor.addresses.role-local-parts-file",
            properties.roleLocalPartsFile(),
            properties.roleLocalPartsMode());
  }

  /** Whether the domain, or a domain it is under, is a disposable email provider. */
  boolean disposable(String domain) {
    for (String d = domain; ; d = d.substring(d.indexOf('.') + 1)) {
      if (disposableDomains.contains(d)) {
        return true;
      }
      if (d.indexOf('.') < 0) {
        return false;
      }
    }
  }

  /** Whether a local part names a function rather than a person; a {@code +tag} is ignored. */
  boolean role(String localPart) {
    String local = localPart.toLowerCase(Locale.ROOT);
    int plus = local.indexOf('+');
    return roleLocalParts.contains(plus < 0 ? local : local.substring(0, plus));
  }

  private static Set<String> load(
      String builtIn, String property, String file, AddressProperties.ListMode mode) {
    Set<String> entries = new HashSet<>();
    if (file.isBlank() || mode == AddressProperties.ListMode.EXTEND) {
      try (InputStream in = AddressLists.class.getResourceAsStream(builtIn)) {
        if (in == null) {
          throw new IllegalStateException("the built-in list " + builtIn + " is missing");
        }
        read(in, entries);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!file.isBlank()) {
      try (InputStream in = Files.newInputStream(Path.of(file))) {
        read(in, entries);
      } catch (IOException e) {
        throw new IllegalStateException(property + ": cannot read '" + file + "': " + e, e);
      }
    }
    return Set.copyOf(entries);
  }

  /** One entry a line; blank lines and lines starting with # are skipped. */
  private static void read(InputStream in, Set<String> into) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String entry = line.strip().toLowerCase(Locale.ROOT);
      if (!entry.isEmpty() && !entry.startsWith("#")) {
        into.add(entry);
      }
    }
  }
}
