package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaResponsesTest {

    private static LocalHttpResponse from(String output) {
        return LambdaResponses.fromOutput(output.getBytes(StandardCharsets.UTF_8), "Fn");
    }

    @Test
    void fromOutput_whenStructured_usesStatusHeadersCookiesAndBody() {
        LocalHttpResponse response = from("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"multiValueHeaders\":{\"x-a\":[\"1\",\"2\"]},\"cookies\":[\"c=1\"],\"body\":\"{}\","
                + "\"isBase64Encoded\":false}");

        assertEquals(201, response.status());
        assertEquals(List.of("application/json"), response.headers().get("content-type"));
        assertEquals(List.of("1", "2"), response.headers().get("x-a"));
        assertEquals(List.of("c=1"), response.headers().get("set-cookie"));
        assertEquals("{}", response.bodyText());
    }

    @Test
    void fromOutput_whenBase64_decodesTheBody() {
        assertArrayEquals(new byte[] {0, 1, 2}, from("{\"statusCode\":200,\"isBase64Encoded\":true,"
                + "\"body\":\"AAEC\"}").body());
    }

    @Test
    void fromOutput_whenNoStatusCode_isA200JsonBody_likeApiGateway() {
        LocalHttpResponse object = from("{\"ok\":true}");
        LocalHttpResponse string = from("\"hello\"");

        assertEquals(200, object.status());
        assertEquals("{\"ok\":true}", object.bodyText());
        assertEquals(List.of("application/json"), object.headers().get("content-type"));
        assertEquals("hello", string.bodyText());
    }

    @Test
    void fromOutput_whenNotJsonOrStatusInvalid_is500() {
        assertEquals(500, from("not json").status());
        assertEquals(500, from("{\"statusCode\":\"abc\"}").status());
        assertEquals(500, from("{\"statusCode\":99}").status());
        assertEquals(500, from("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"***\"}").status());
    }
}
