package io.sequor.api.linkedin;

import io.sequor.domain.errors.FieldProblem;
import io.sequor.domain.errors.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verified webhook delivery, read leniently: unknown fields are ignored, since providers add them
 * freely, and an unknown {@code type} is answered but not acted on.
 *
 * @param type empty when Sequor does not act on this kind of event
 * @param typeName the type as the provider wrote it
 */
record InboundEvent(
    String id,
    Optional<EventType> type,
    String typeName,
    Instant occurredAt,
    String relatedMessageId,
    String relatedChatId,
    String text) {

  /** Provider ids are short tokens; a longer one is a malformed event, not something to store. */
  private static final int MAX_ID = 200;

  static InboundEvent parse(JsonMapper json, byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidInputException("body", "is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    List<FieldProblem> problems = new ArrayList<>();
    String id = required(root, "id", "is required: the provider's event id", problems);
    String typeName = required(root, "type", "is required, such as message.received", problems);
    Instant occurredAt = null;
    String when = text(root, "occurred_at", problems);
    if (when != null) {
      try {
        occurredAt = Instant.parse(when);
      } catch (DateTimeParseException e) {
        problems.add(
            new FieldProblem(
                "occurred_at", "must be an ISO-8601 instant like 2026-03-02T09:00:00Z"));
      }
    }
    JsonNode related = root.path("related");
    String messageId = text(related, "message_id", "related.message_id", problems);
    String chatId = text(related, "chat_id", "related.chat_id", problems);
    Optional<EventType> type = EventType.of(typeName);
    if (type.isPresent() && messageId == null && chatId == null) {
      problems.add(
          new FieldProblem(
              "related", "give message_id or chat_id: the Sequor message this event answers"));
    }
    JsonNode textNode = root.path("text");
    String text = textNode.isString() ? textNode.asString() : null;
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new InboundEvent(id, type, typeName, occurredAt, messageId, chatId, text);
  }

  private static String required(
      JsonNode node, String name, String reason, List<FieldProblem> problems) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      problems.add(new FieldProblem(name, reason));
      return null;
    }
    return text(node, name, problems);
  }

  private static String text(JsonNode node, String name, List<FieldProblem> problems) {
    return text(node, name, name, problems);
  }

  /** A short string or number; null when absent. */
  private static String text(
      JsonNode node, String name, String field, List<FieldProblem> problems) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!(value.isString() || value.isIntegralNumber()) || value.asString().isBlank()) {
      problems.add(new FieldProblem(field, "must be a non-empty string"));
      return null;
    }
    if (value.asString().length() > MAX_ID) {
      problems.add(new FieldProblem(field, "is longer than " + MAX_ID + " characters"));
      return null;
    }
    return value.asString();
  }
}
