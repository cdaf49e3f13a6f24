package com.platform.billing.domain;

import java.util.List;
import java.util.Optional;

/** One page of a newest-first list; {@code nextCursor} is opaque to callers and absent on the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
