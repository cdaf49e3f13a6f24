package com.platform.billing.domain;

import java.util.regex.Pattern;

/** Organization ids come from the platform; we only accept a conservative shape so they are safe inside keys. */
public final class OrgId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private OrgId() {
    }

    public static boolean isValid(String orgId) {
        return orgId != null && VALID.matcher(orgId).matches();
    }

    public static String requireValid(String orgId) {
        if (!isValid(orgId)) {
            throw new IllegalArgumentException("invalid org id");
        }
        return orgId;
    }
}
