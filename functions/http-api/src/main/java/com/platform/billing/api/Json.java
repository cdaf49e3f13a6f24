package com.platform.billing.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonFactory;

/**
 * The one JSON mapper, and strict reading of request bodies into a tree: duplicate keys, trailing tokens, NaN and
 * friends are refused. Handlers read fields explicitly through {@link JsonFields}, never by reflection onto beans.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(40).maxStringLength(ApiRequest.MAX_BODY_BYTES)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    /** The body as a JSON object; anything else is a malformed request. */
    public static ObjectNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedRequestException("A JSON object body is required.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message may echo input; say only where it broke (when it knows: a limit such as the maximum
            // string length is reported without a location).
            var where = e.getLocation();
            throw new MalformedRequestException(where == null ? "The body is not valid JSON, or exceeds a size limit."
                    : "The body is not valid JSON (near line " + where.getLineNr() + ", column " + where.getColumnNr()
                    + ").");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedRequestException("The body must be a JSON object.");
        }
        return object;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
