package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local stand-in for the console's identity provider: HS256 JWTs signed with a key of this run (random, or
 * {@code LOCAL_JWT_SECRET}, or one kept in the data directory when data persists), and their verification the way
 * API Gateway's JWT authorizer verifies: signature (constant-time compare), {@code exp}, {@code nbf}, {@code iss},
 * {@code aud} (or {@code client_id}). Verified claims are handed to functions exactly as API Gateway hands them:
 * every claim a string, an array claim as a bracketed, space-separated string ({@code "[org-1 org-2]"}).
 */
final class LocalJwt {

    static final String ISSUER = "https://local.billing.invalid/";
    static final String AUDIENCE = "billing-local";
    static final Duration LIFETIME = Duration.ofHours(12);
    static final int MIN_SECRET_BYTES = 32;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    /** The outcome of a verification: the claims, or why the token is refused (for the www-authenticate header). */
    record Verification(ObjectNode claims, String refusal) {
        boolean valid() {
            return claims != null;
        }
    }

    private final byte[] key;
    private final Clock clock;

    LocalJwt(byte[] key, Clock clock) {
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT signing key needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    /** The same key on another clock (tests mint expired or future tokens with it). */
    LocalJwt withClock(Clock other) {
        return new LocalJwt(key, other);
    }

    static byte[] randomKey() {
        byte[] key = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** A console token: {@code sub}, {@code orgs}, {@code roles}, the local issuer and audience, 12 hours. */
    String mint(String subject, Collection<String> orgs, Collection<String> roles) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", subject);
        orgs.forEach(claims.putArray("orgs")::add);
        roles.forEach(claims.putArray("roles")::add);
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** Signs any claims (tests use it for expired or foreign tokens). */
    String sign(ObjectNode claims) {
        String payload = B64.encodeToString(write(claims));
        String signingInput = HEADER + "." + payload;
        return signingInput + "." + B64.encodeToString(hmac(signingInput));
    }

    /** Verifies a compact JWS against the authorizer's issuer and audiences. */
    Verification verify(String token, String issuer, Collection<String> audiences) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return refused("the token is not a JWT");
        }
        JsonNode header;
        ObjectNode claims;
        byte[] signature;
        try {
            header = JSON.readTree(B64D.decode(parts[0]));
            JsonNode payload = JSON.readTree(B64D.decode(parts[1]));
            if (!(payload instanceof ObjectNode object)) {
                return refused("the token's payload is not a JSON object");
            }
            claims = object;
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException | java.io.IOException unreadable) {
            return refused("the token is not a JWT");
        }
        if (!"HS256".equals(header.path("alg").asText())) {
            return refused("the token's algorithm is not accepted");
        }
        if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), signature)) {
            return refused("the token's signature is invalid");
        }
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            return refused("the token has no expiry");
        }
        if (now >= exp.asLong()) {
            return refused("the token has expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now < nbf.asLong())) {
            return refused("the token is not valid yet");
        }
        if (!claims.path("iss").asText("").equals(issuer)) {
            return refused("the token's issuer is not accepted");
        }
        if (!audienceMatches(claims, audiences)) {
            return refused("the token's audience is not accepted");
        }
        return new Verification(claims, null);
    }

    private static boolean audienceMatches(ObjectNode claims, Collection<String> audiences) {
        JsonNode aud = claims.get("aud");
        if (aud != null && aud.isArray()) {
            for (JsonNode one : aud) {
                if (audiences.contains(one.asText())) {
                    return true;
                }
            }
        } else if (aud != null && audiences.contains(aud.asText())) {
            return true;
        }
        JsonNode clientId = claims.get("client_id");
        return clientId != null && audiences.contains(clientId.asText());
    }

    /**
     * Claims as API Gateway passes them in {@code requestContext.authorizer.jwt.claims}: strings; numbers as their
     * digits; arrays as {@code "[a b]"}; objects as compact JSON.
     */
    static Map<String, String> apiGatewayClaims(ObjectNode claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                return;
            }
            out.put(e.getKey(), claimText(value));
        });
        return out;
    }

    private static String claimText(JsonNode value) {
        if (value.isArray()) {
            StringBuilder text = new StringBuilder("[");
            for (JsonNode element : value) {
                if (text.length() > 1) {
                    text.append(' ');
                }
                text.append(element.isValueNode() ? element.asText() : element.toString());
            }
            return text.append(']').toString();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The token's {@code scope} claim as API Gateway's {@code scopes} list. */
    static List<String> scopes(ObjectNode claims) {
        String scope = claims.path("scope").asText("");
        return scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] write(ObjectNode claims) {
        try {
            return JSON.writeValueAsBytes(claims);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JWT claims", e);
        }
    }

    private static Verification refused(String why) {
        return new Verification(null, why);
    }
}
