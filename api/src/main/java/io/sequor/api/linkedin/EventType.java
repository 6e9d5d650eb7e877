package io.sequor.api.linkedin;

import io.sequor.workflows.enrolment.ResponseKind;
import java.util.Optional;

/** The provider events Sequor acts on, by their {@code type} on the wire. */
enum EventType {
  /** The prospect wrote in the conversation a Sequor message started. */
  MESSAGE_RECEIVED("message.received", ResponseKind.REPLY),
  /**
   * The prospect accepted a connection request: the enrolment goes on, and its later InMails go out
   * as free regular messages.
   */
  INVITATION_ACCEPTED("invitation.accepted", ResponseKind.INVITATION_ACCEPTED);

  private final String wireName;
  private final ResponseKind kind;

  EventType(String wireName, ResponseKind kind) {
    this.wireName = wireName;
    this.kind = kind;
  }

  String wireName() {
    return wireName;
  }

  ResponseKind kind() {
    return kind;
  }

  static Optional<EventType> of(String wireName) {
    for (EventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
