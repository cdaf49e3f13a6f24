package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalJwtTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final List<String> AUDIENCES = List.of(LocalJwt.AUDIENCE);

    private final LocalJwt jwt = new LocalJwt(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    private LocalJwt at(Instant instant) {
        return jwt.withClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void verify_whenMinted_acceptsForTwelveHoursOnly() {
        String token = jwt.mint("u1", List.of("org-1"), List.of("admin"));

        assertTrue(jwt.verify(token, LocalJwt.ISSUER, AUDIENCES).valid());
        assertTrue(at(NOW.plus(Duration.ofHours(12)).minusSeconds(1)).verify(token, LocalJwt.ISSUER, AUDIENCES)
                .valid());
        LocalJwt.Verification expired = at(NOW.plus(Duration.ofHours(12))).verify(token, LocalJwt.ISSUER,
                AUDIENCES);
        assertFalse(expired.valid());
        assertEquals("the token has expired", expired.refusal());
    }

    @Test
    void verify_whenKeyIssuerOrAudienceDiffer_refuses() {
        String token = jwt.mint("u1", List.of(), List.of());

        assertFalse(new LocalJwt("another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC)).verify(token, LocalJwt.ISSUER, AUDIENCES).valid());
        assertFalse(jwt.verify(token, "https://issuer.example/", AUDIENCES).valid());
        assertFalse(jwt.verify(token, LocalJwt.ISSUER, List.of("other")).valid());
    }

    @Test
    void verify_whenNotYetValidOrWithoutExpiry_refuses() {
        ObjectNode claims = new ObjectMapper().createObjectNode();
        claims.put("iss", LocalJwt.ISSUER).put("aud", LocalJwt.AUDIENCE).put("sub", "u1");
        assertEquals("the token has no expiry", jwt.verify(jwt.sign(claims), LocalJwt.ISSUER, AUDIENCES).refusal());

        claims.put("exp", NOW.getEpochSecond() + 60).put("nbf", NOW.getEpochSecond() + 30);
        assertEquals("the token is not valid yet", jwt.verify(jwt.sign(claims), LocalJwt.ISSUER, AUDIENCES)
                .refusal());
    }

    @Test
    void verify_whenAudienceIsAListOrClientId_acceptsAMatch() {
        ObjectNode claims = new ObjectMapper().createObjectNode();
        claims.put("iss", LocalJwt.ISSUER).put("sub", "u1").put("exp", NOW.getEpochSecond() + 60);
        claims.putArray("aud").add("x").add(LocalJwt.AUDIENCE);
        assertTrue(jwt.verify(jwt.sign(claims), LocalJwt.ISSUER, AUDIENCES).valid());

        claims.remove("aud");
        claims.put("client_id", LocalJwt.AUDIENCE);
        assertTrue(jwt.verify(jwt.sign(claims), LocalJwt.ISSUER, AUDIENCES).valid());
    }

    @Test
    void verify_whenMalformed_refusesWithoutThrowing() {
        for (String token : List.of("", "a.b", "a.b.c.d", "!!!.???.***", "e30.e30.", "bnVsbA.bnVsbA.")) {
            assertFalse(jwt.verify(token, LocalJwt.ISSUER, AUDIENCES).valid(), token);
        }
    }

    @Test
    void apiGatewayClaims_renderEveryClaimAsAString_arraysBracketedAndSpaceSeparated() {
        String token = jwt.mint("u1", List.of("org-1", "org-2"), List.of());
        ObjectNode claims = jwt.verify(token, LocalJwt.ISSUER, AUDIENCES).claims();

        Map<String, String> passed = LocalJwt.apiGatewayClaims(claims);

        assertEquals("u1", passed.get("sub"));
        assertEquals("[org-1 org-2]", passed.get("orgs"));
        assertEquals("[]", passed.get("roles"));
        assertEquals(Long.toString(NOW.getEpochSecond() + 43200), passed.get("exp"));
    }

    @Test
    void constructor_whenKeyIsShort_refuses() {
        assertThrows(IllegalArgumentException.class, () -> new LocalJwt(new byte[16], Clock.systemUTC()));
    }
}
