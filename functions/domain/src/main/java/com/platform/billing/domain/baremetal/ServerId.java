package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.InvalidRequestException;
import java.util.regex.Pattern;

/** Server ids come from the platform; a conservative shape keeps them safe inside keys and invoice references. */
public final class ServerId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ServerId() {
    }

    public static String requireValid(String serverId) {
        if (serverId == null || !VALID.matcher(serverId).matches()) {
            throw new InvalidRequestException("serverId", "serverId must be 1-128 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit.");
        }
        return serverId;
    }
}
