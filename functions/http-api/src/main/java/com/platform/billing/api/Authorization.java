package com.platform.billing.api;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.OrgId;

/**
 * Tenancy checks. Another org's data answers exactly like a missing org (404), so probing reveals nothing; a known
 * caller lacking a role gets 403.
 */
public final class Authorization {

    private Authorization() {
    }

    /** The org id from the path, if the caller is a member of it (or a platform admin). */
    public static String orgForMember(ApiRequest request) {
        Caller caller = request.caller();
        String orgId = request.pathParameter("orgId");
        if (!OrgId.isValid(orgId) || !(caller.isMemberOf(orgId) || caller.isAdmin())) {
            throw new AccountNotFoundException();
        }
        return orgId;
    }

    /**
     * The org id from the path, if the caller may manage that org's payment settings: a member holding the role
     * {@code billing-admin} (for every org in its {@code orgs} claim) or {@code billing-admin:{orgId}} (for that org
     * only), or a platform admin. A non-member gets 404 like a missing org; a member without the role gets 403.
     */
    public static String orgForBillingAdmin(ApiRequest request) {
        String orgId = orgForMember(request);
        Caller caller = request.caller();
        if (!caller.isAdmin() && !caller.roles().contains(Caller.BILLING_ADMIN)
                && !caller.roles().contains(Caller.BILLING_ADMIN + ":" + orgId)) {
            throw new AccessDeniedException("Managing the organization's payment settings needs the billing-admin"
                    + " role.");
        }
        return orgId;
    }

    /** The platform admin (dashboard) caller. */
    public static Caller admin(ApiRequest request) {
        Caller caller = request.caller();
        if (!caller.isAdmin()) {
            throw new AccessDeniedException("This operation needs the admin role.");
        }
        return caller;
    }

    /** The org id from the path of an admin route. */
    public static String orgForAdmin(ApiRequest request) {
        admin(request);
        String orgId = request.pathParameter("orgId");
        if (!OrgId.isValid(orgId)) {
            throw new AccountNotFoundException();
        }
        return orgId;
    }
}
