package io.sequor.domain.workspaces;

import java.time.Instant;
import java.util.UUID;

/** A tenant: every prospect, sequence, seat, mailbox and enrolment belongs to one. */
public record Workspace(UUID id, String name, Instant createdAt) {}
