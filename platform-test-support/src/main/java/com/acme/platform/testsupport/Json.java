package com.acme.platform.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses response bodies and event payloads in tests, with Jackson 3 (the Jackson Spring Boot 4 brings). */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** The body as a tree; a body that is not JSON fails the test with the body in the message. */
    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
