package com.platform.billing.contract;

import com.platform.billing.devkit.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Every HttpApi route of template.yaml with its sweep class, decided from the template alone so a new route is swept
 * without anyone listing it: {@code Auth: AWS_IAM} → internal, {@code NONE} → webhook, a path under {@code /admin/}
 * → admin, a path with {@code {orgId}} → org-scoped. A JWT route that is none of these has no class, and
 * {@link #classify} says so (RouteCatalogTest fails on it).
 */
final class RouteCatalog {

    enum RouteClass {
        /** A console route on one org's data: members of that org (and platform admins) only. */
        ORG_SCOPED,
        /** The platform dashboard: role {@code admin} only. */
        ADMIN,
        /** Platform services: IAM (SigV4) authorization. */
        INTERNAL,
        /** The payment gateway's webhook: no authorizer, the notification's signature is the authentication. */
        WEBHOOK
    }

    record SweptRoute(Template.Route route, RouteClass routeClass) {
        String key() {
            return route.method() + " " + route.path();
        }

        @Override
        public String toString() {
            return key() + " (" + routeClass + ", " + route.functionId() + ")";
        }
    }

    private RouteCatalog() {
    }

    static List<Template.Route> templateRoutes() {
        return Template.load().httpRoutes();
    }

    /** Every template route with its class; throws naming every route that has none. */
    static List<SweptRoute> all() {
        List<SweptRoute> routes = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (Template.Route route : templateRoutes()) {
            RouteClass routeClass = classify(route);
            if (routeClass == null) {
                unclassified.add(route.method() + " " + route.path() + " (" + route.functionId() + ")");
            } else {
                routes.add(new SweptRoute(route, routeClass));
            }
        }
        if (!unclassified.isEmpty()) {
            throw new AssertionError("template.yaml routes with no sweep classification (a JWT route must be under"
                    + " /admin/ or have {orgId} in its path; otherwise give it Auth AWS_IAM or NONE, or teach"
                    + " RouteCatalog.classify its class): " + unclassified);
        }
        return routes;
    }

    /** The route's class, or null when the template gives no way to tell. */
    static RouteClass classify(Template.Route route) {
        return switch (route.auth()) {
            case "IAM" -> RouteClass.INTERNAL;
            case "NONE" -> RouteClass.WEBHOOK;
            default -> route.path().startsWith("/admin/") ? RouteClass.ADMIN
                    : route.path().contains("{orgId}") ? RouteClass.ORG_SCOPED : null;
        };
    }
}
