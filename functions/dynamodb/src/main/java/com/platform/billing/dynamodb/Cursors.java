package com.platform.billing.dynamodb;

import com.platform.billing.domain.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Paging cursors: the sort key of the last item, base64url-encoded. The partition always comes from the caller's
 * authorized path, never from the cursor, so a forged cursor can at most skip around inside the caller's own data.
 */
public final class Cursors {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9#:_.~|-]{1,300}");

    private Cursors() {
    }

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key in {@code cursor}, which must start with {@code expectedPrefix}. */
    public static String decode(String cursor, String expectedPrefix) {
        String sortKey;
        try {
            sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!sortKey.startsWith(expectedPrefix) || !SAFE.matcher(sortKey).matches()) {
            throw invalid();
        }
        return sortKey;
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("cursor", "cursor is not one this API returned.");
    }
}
