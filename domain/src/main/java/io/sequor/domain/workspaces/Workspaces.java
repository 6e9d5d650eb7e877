package io.sequor.domain.workspaces;

import java.util.UUID;

/** Workspaces: the tenants every client-owned resource belongs to. */
public final class Workspaces {

  /** The installation's first workspace; rows made before workspaces existed belong to it. */
  public static final UUID DEFAULT = UUID.fromString("00000000-0000-4000-8000-000000000001");

  private Workspaces() {}
}
