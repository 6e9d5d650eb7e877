package io.sequor.domain.pacing;

import io.sequor.workflows.sequence.Channel;
import java.util.Optional;

/** A kind of LinkedIn action that LinkedIn limits per account. */
public enum Action {
  INMAIL,
  CONNECTION_REQUEST,
  MESSAGE,
  PROFILE_VIEW;

  /** The action a channel's send is; manual tasks and email are not paced here. */
  public static Optional<Action> of(Channel channel) {
    return switch (channel) {
      case LINKEDIN_INMAIL -> Optional.of(INMAIL);
      case LINKEDIN_CONNECT -> Optional.of(CONNECTION_REQUEST);
      case LINKEDIN_MESSAGE -> Optional.of(MESSAGE);
      default -> Optional.empty();
    };
  }
}
