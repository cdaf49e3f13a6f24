package com.platform.billing.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Set;

/**
 * A platform service calling an /internal route, as API Gateway's IAM authorization (SigV4) identified it in
 * {@code requestContext.authorizer.iam}. A request without that context (a JWT caller, or a route misconfigured
 * without IAM auth) is refused with 403: the function does not trust the route table alone.
 */
public record InternalCaller(String accountId, String principal) {

    public static InternalCaller require(ApiRequest request, Set<String> allowedAccounts) {
        APIGatewayV2HTTPEvent.RequestContext context = request.event().getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.IAM iam = context == null || context.getAuthorizer() == null ? null
                : context.getAuthorizer().getIam();
        String principal = iam == null ? null : firstNonBlank(iam.getUserArn(), iam.getCallerId());
        if (iam == null || isBlank(iam.getAccountId()) || principal == null) {
            throw new AccessDeniedException("This route is for platform services: sign the request with AWS SigV4"
                    + " (IAM authorization).");
        }
        if (!allowedAccounts.isEmpty() && !allowedAccounts.contains(iam.getAccountId())) {
            throw new AccessDeniedException("This AWS account may not call internal routes.");
        }
        return new InternalCaller(iam.getAccountId(), principal);
    }

    /** How the caller is recorded on what it wrote. */
    public String actor() {
        return "iam:" + principal;
    }

    private static String firstNonBlank(String a, String b) {
        return !isBlank(a) ? a : isBlank(b) ? null : b;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
