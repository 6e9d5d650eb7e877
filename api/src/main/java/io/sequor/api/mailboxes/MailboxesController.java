package io.sequor.api.mailboxes;

import io.sequor.api.auth.Caller;
import io.sequor.domain.errors.InvalidInputException;
import io.sequor.domain.mailboxes.MailboxProbe;
import io.sequor.domain.mailboxes.MailboxStore;
import io.sequor.domain.pacing.MailboxSlot;
import io.sequor.domain.pacing.MailboxSlots;
import io.sequor.domain.workspaces.Tenancy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/mailboxes")
@Tag(
    name = "Mailboxes",
    description =
        "Sender mailboxes: the SMTP (and IMAP) accounts email goes out from, their pacing and"
            + " rotation. Passwords are write-only and stored encrypted.")
class MailboxesController {

  private final MailboxStore mailboxes;
  private final MailboxSlots slots;
  private final MailboxProbe probe;
  private final Tenancy tenancy;

  MailboxesController(
      MailboxStore mailboxes, MailboxSlots slots, MailboxProbe probe, Tenancy tenancy) {
    this.mailboxes = mailboxes;
    this.slots = slots;
    this.probe = probe;
    this.tenancy = tenancy;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a mailbox; it is enabled at once")
  ResponseEntity<MailboxViews.View> create(
      @RequestBody MailboxRequests.Mailbox request, Caller caller) {
    MailboxViews.View created =
        MailboxViews.View.of(
            mailboxes.create(caller.workspaceId(), request.id(), request.toDraft()));
    return ResponseEntity.created(URI.create("/api/mailboxes/" + created.id())).body(created);
  }

  @GetMapping
  @Operation(summary = "Every mailbox, by id")
  List<MailboxViews.View> list(Caller caller) {
    return mailboxes.list(caller.workspaceId()).stream().map(MailboxViews.View::of).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "A mailbox, without its passwords")
  MailboxViews.View get(@PathVariable String id, Caller caller) {
    tenancy.mailbox(caller.workspaceId(), id);
    return MailboxViews.View.of(mailboxes.get(id));
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Replace a mailbox's settings",
      description =
          "Address, servers and pacing as in create. A server given without a password keeps the"
              + " stored one; a new password replaces it. Leaving imap or pacing out removes them."
              + " Emails already booked into a slot keep it.")
  MailboxViews.View update(
      @PathVariable String id, @RequestBody MailboxRequests.Mailbox request, Caller caller) {
    tenancy.mailbox(caller.workspaceId(), id);
    if (request.id() != null && !request.id().equals(id)) {
      throw new InvalidInputException("id", "a mailbox's id cannot change; it is '" + id + "'");
    }
    return MailboxViews.View.of(mailboxes.update(id, request.toDraft()));
  }

  @PostMapping("/{id}/disable")
  @Operation(
      summary = "Disable a mailbox",
      description =
          "It sends nothing more and cannot be chosen for new enrolments. Emails of its"
              + " enrolments wait, asking again every hour, and go out once it is enabled.")
  MailboxViews.View disable(@PathVariable String id, Caller caller) {
    tenancy.mailbox(caller.workspaceId(), id);
    return MailboxViews.View.of(mailboxes.setEnabled(id, false));
  }

  @PostMapping("/{id}/enable")
  @Operation(summary = "Enable a disabled mailbox again")
  MailboxViews.View enable(@PathVariable String id, Caller caller) {
    tenancy.mailbox(caller.workspaceId(), id);
    return MailboxViews.View.of(mailboxes.setEnabled(id, true));
  }

  @PostMapping("/{id}/test")
  @Operation(
      summary = "Test the mailbox's servers",
      description =
          "Connects and logs in to SMTP, and to IMAP when set; sends nothing. Each answers OK or"
              + " FAILED with a reason: connection refused, authentication failed, TLS failed,"
              + " timeout, unknown host, host unreachable or connection failed.")
  MailboxViews.TestReport test(@PathVariable String id, Caller caller) {
    tenancy.mailbox(caller.workspaceId(), id);
    return MailboxViews.TestReport.of(probe.test(mailboxes.get(id)));
  }

  @GetMapping("/{id}/slots")
  @Operation(
      summary = "The mailbox's upcoming booked sends, soonest first",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "Booked sends",
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              value =
                                  """
          [{"mailboxId": "sales-ada", "enrolmentId": "2d4f6a8c-1b3e-4d5f-8a7c-9e0b1d2f3a4c",
            "stepKey": "email-day-1", "at": "2026-11-27T09:12:00Z", "status": "BOOKED"}]"""))))
  List<MailboxSlot> slots(
      @PathVariable String id, @RequestParam(defaultValue = "100") int limit, Caller caller) {
    tenancy.mailbox(caller.workspaceId(), id);
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit", "must be between 1 and 1000");
    }
    mailboxes.get(id);
    return slots.upcoming(id, limit);
  }
}
