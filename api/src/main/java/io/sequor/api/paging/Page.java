package io.sequor.api.paging;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a list: its items and the cursor of the next page, null on the last.
 *
 * @param nextCursor pass back as {@code cursor} for the next page
 */
public record Page<T>(List<T> items, String nextCursor) {

  /**
   * The page from a keyset query asked for one row more than the page holds: that extra row only
   * says a next page exists, and the cursor points after the page's last item.
   *
   * @param found up to {@code size + 1} rows
   * @param position the cursor of an item, e.g. {@link Cursors#position}
   */
  public static <T> Page<T> of(List<T> found, int size, Function<T, String> position) {
    List<T> items = found.size() > size ? List.copyOf(found.subList(0, size)) : found;
    return new Page<>(
        items, found.size() > size ? position.apply(items.get(items.size() - 1)) : null);
  }
}
