package com.platform.billing.domain.baremetal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a BAREMETAL invoice bills, as its {@code reference}: {@code "{serverId} {termStart}/{termEnd}"} (an ISO-8601
 * interval after the server id). Readers get server id and term back through {@link #parse}, never by slicing the
 * string themselves.
 */
public record BareMetalTermRef(String serverId, Instant termStart, Instant termEnd) {

    public static BareMetalTermRef of(String serverId, BareMetalTerm term) {
        return new BareMetalTermRef(serverId, term.start(), term.end());
    }

    public String format() {
        return serverId + " " + termStart + "/" + termEnd;
    }

    public static Optional<BareMetalTermRef> parse(String reference) {
        int space = reference == null ? -1 : reference.indexOf(' ');
        int slash = reference == null ? -1 : reference.indexOf('/', space + 1);
        if (space < 1 || slash < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BareMetalTermRef(reference.substring(0, space),
                    Instant.parse(reference.substring(space + 1, slash)), Instant.parse(reference.substring(slash + 1))));
        } catch (DateTimeParseException notATerm) {
            return Optional.empty();
        }
    }
}
