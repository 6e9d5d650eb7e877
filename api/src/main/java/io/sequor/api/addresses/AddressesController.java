package io.sequor.api.addresses;

import io.sequor.domain.addresses.AddressVerdict;
import io.sequor.domain.addresses.AddressVerifier;
import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/addresses")
@Tag(name = "Addresses", description = "Email address verification")
class AddressesController {

  static final int MAX = 1000;

  private final AddressVerifier verifier;

  AddressesController(AddressVerifier verifier) {
    this.verifier = verifier;
  }

  @Schema(
      description = "Up to 1,000 email addresses",
      example = "{\"addresses\": [\"ada@example.com\", \"grace@no-such-domain.example\"]}")
  record Verify(List<String> addresses) {}

  @Schema(
      description = "One verdict per address, in the order given",
      example =
          """
          {"results": [
            {"address": "ada@example.com", "verdict": "VALID",
             "reasons": [{"code": "mx", "text": "the domain example.com names its mail servers (MX records)"}]},
            {"address": "grace@no-such-domain.example", "verdict": "INVALID",
             "reasons": [{"code": "no-domain",
                          "text": "the domain no-such-domain.example does not exist (NXDOMAIN)"}]}]}""")
  record Verified(List<AddressVerdict> results) {}

  @PostMapping("/verify")
  @Operation(
      summary = "Verify up to 1,000 email addresses",
      description =
          "Each address gets a verdict: VALID (the domain accepts mail), RISKY (a role address, a"
              + " disposable domain, unusual syntax), INVALID (bad syntax, no such domain, a null"
              + " MX, no mail server) or UNKNOWN (DNS could not be asked or did not answer in"
              + " time), with reasons as machine codes and text. Nothing is stored. See"
              + " docs/addresses.md.")
  Verified verify(@RequestBody Verify request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.addresses() == null || request.addresses().isEmpty()) {
      problems.add(new FieldProblem("addresses", "give between 1 and " + MAX + " addresses"));
    } else if (request.addresses().size() > MAX) {
      problems.add(
          new FieldProblem(
              "addresses",
              "at most "
                  + MAX
                  + " addresses a request; this one has "
                  + request.addresses().size()
                  + ": split it"));
    } else {
      for (int i = 0; i < request.addresses().size(); i++) {
        if (request.addresses().get(i) == null) {
          problems.add(new FieldProblem("addresses[" + i + "]", "must be a string, not null"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Verified(verifier.verifyAll(request.addresses()));
  }
}
