package io.sequor.domain.replies;

import java.util.List;
import java.util.Optional;

/** The mailboxes Sequor reads replies from. */
public interface Inboxes {

  List<Inbox> all();

  default Optional<Inbox> find(String mailboxId) {
    return all().stream().filter(i -> i.mailboxId().equals(mailboxId)).findFirst();
  }
}
