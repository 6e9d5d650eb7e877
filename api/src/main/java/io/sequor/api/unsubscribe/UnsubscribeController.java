package io.sequor.api.unsubscribe;

import io.sequor.domain.unsubscribe.Unsubscribes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in every email's {@code List-Unsubscribe} header. A {@code POST} unsubscribes at once
 * (RFC 8058 one-click: mail clients send {@code List-Unsubscribe=One-Click}, which is not needed);
 * a {@code GET}, which link scanners and previews also make, only shows a page with the button that
 * posts. The pages name no one, and a token that is not genuine gets a 404 page and changes
 * nothing.
 */
@RestController
@RequestMapping("/u")
@Tag(name = "Unsubscribe", description = "The one-click unsubscribe link of every email")
class UnsubscribeController {

  private final Unsubscribes unsubscribes;

  UnsubscribeController(Unsubscribes unsubscribes) {
    this.unsubscribes = unsubscribes;
  }

  @GetMapping("/{token}")
  @Operation(
      summary = "Confirmation page with an unsubscribe button",
      description = "Changes nothing; 404 for a token that is not genuine.")
  ResponseEntity<String> confirm(@PathVariable String token) {
    if (unsubscribes.recipient(token).isEmpty()) {
      return notFound();
    }
    return page(
        HttpStatus.OK,
        "Unsubscribe",
        "<p>Stop receiving these emails?</p>\n"
            + "<form method=\"post\">\n"
            + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
            + "<button type=\"submit\">Unsubscribe</button>\n"
            + "</form>");
  }

  @PostMapping("/{token}")
  @Operation(
      summary = "Unsubscribe with one click (RFC 8058)",
      description =
          "Stops every running enrolment of the address and suppresses it for later ones."
              + " Repeating it is harmless; 404 for a token that is not genuine.")
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    if (!unsubscribes.unsubscribe(token)) {
      return notFound();
    }
    return page(
        HttpStatus.OK,
        "Unsubscribed",
        "<p>You are unsubscribed. You will not receive further emails from this sender.</p>");
  }

  private static ResponseEntity<String> notFound() {
    return page(
        HttpStatus.NOT_FOUND,
        "Link not recognised",
        "<p>This unsubscribe link is not valid. Use the link from the email itself, or reply to"
            + " the email and ask to be removed.</p>");
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>"
            + title
            + "</title>\n</head>\n<body>\n<h1>"
            + title
            + "</h1>\n"
            + body
            + "\n</body>\n</html>\n";
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        // The token is in the URL: keep it out of Referer headers and search indexes.
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex")
        .header(
            "Content-Security-Policy", "default-src 'none'; form-action 'self'; base-uri 'none'")
        .header("X-Content-Type-Options", "nosniff")
        .body(html);
  }
}
