package io.sequor.inbound;

/**
 * What a human reply does, one value per rule family. When several are found in one reply, the
 * order of {@link ReplyClassifier}'s precedence decides; see docs/reply-classification.md.
 */
public enum ReplySignal {
  /** Agrees to a call or meeting: "happy to chat", "Tuesday works", "send me an invite". */
  AGREES_TO_CALL,
  /** Asks for what the sequence offered: "send me the deck", "can you share the teardown?". */
  ASKS_FOR_ASSET,
  /** Names someone else to talk to: "talk to Jane (jane@acme.example)", "I've cc'd our CTO". */
  ROUTES_TO_OWNER,
  /** Not now, perhaps later: "not now, try me in Q3", "let me check internally". */
  INTERESTED_LATER,
  /** Asks something without agreeing: "how much is it?". */
  QUESTION,
  /** Declines: "no thanks", "not interested", "we already use X". */
  NOT_INTERESTED,
  /** "I'm not the right person", naming nobody (naming someone is {@link #ROUTES_TO_OWNER}). */
  WRONG_PERSON,
  /** Asks us to stop writing: "stop emailing me", "remove me". */
  STOP,
  /** Nothing matched. */
  NONE;
}
