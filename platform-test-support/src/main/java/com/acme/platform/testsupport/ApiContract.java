package com.acme.platform.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Contract tests for free: once a test class calls {@link #enforce(int)} for the service it boots, every response that
 * {@link LocalHttp#CLIENT} receives from that port is validated against the OpenAPI document the service serves
 * (Atlassian's swagger-request-validator): the status must be one the operation documents, the content type one it
 * declares for that status, the body valid against its schema (problem details included). A response that does not
 * match fails the test that received it, naming each mismatch.
 * <p>
 * Requests are not validated: tests send malformed ones on purpose, and what they must answer is checked by the
 * response's contract. Paths and methods the document does not have (actuator, {@code /internal/**}, unknown paths)
 * are not checked either.
 */
public final class ApiContract {

    private static final Map<Integer, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    /** Loads documents; not {@link LocalHttp#CLIENT}, whose responses this class checks. */
    private static final HttpClient LOADER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiContract() {
    }

    /** Checks every later response from {@code 127.0.0.1:port} against the document served there. */
    public static void enforce(int port) {
        if (!VALIDATORS.containsKey(port)) {
            VALIDATORS.putIfAbsent(port, validatorFor(port));
        }
    }

    /** The mismatches of one response with the document of the service on {@code port}; empty when it matches. */
    public static String violations(int port, HttpRequest request, HttpResponse<?> response) {
        return violations(port, request.method(), request.uri().getRawPath(), response.statusCode(),
                response.headers().map(), response.body() instanceof String body ? body : null);
    }

    /**
     * The mismatches of a response ({@code status}, {@code headers}, {@code body}, null if none) to
     * {@code method rawPath} with the document of the service on {@code port}; empty when it matches or when no
     * document is enforced for that port.
     */
    public static String violations(int port, String method, String rawPath, int status, Map<String, List<String>> headers,
                                    String body) {
        OpenApiInteractionValidator validator = VALIDATORS.get(port);
        if (validator == null) {
            return "";
        }
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(status);
        headers.forEach(actual::withHeader);
        headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(header -> header.getValue().stream()).findFirst().ifPresent(actual::withContentType);
        if (body != null && !body.isEmpty()) {
            actual.withBody(body);
        }
        ValidationReport report = validator.validateResponse(rawPath, Request.Method.valueOf(method), actual.build());
        return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> "- " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"));
    }

    static void check(HttpRequest request, HttpResponse<?> response) {
        URI uri = request.uri();
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            return;
        }
        String violations = violations(uri.getPort(), request, response);
        if (!violations.isEmpty()) {
            throw new AssertionError(request.method() + " " + uri.getRawPath() + " answered " + response.statusCode()
                    + ", which its OpenAPI document does not allow:\n" + violations + "\nbody: " + response.body());
        }
    }

    /**
     * The validator checks JSON types only in OpenAPI 3.0 schemas (it reads a 3.1 document's {@code type} nowhere, so
     * {@code "totalCents": "ten"} would pass): the 3.1 document is given to it as the 3.0 equivalent, a
     * {@code type: [T, "null"]} becoming {@code type: T, nullable: true}. The documents use nothing else of 3.1.
     */
    static String asOpenApi30(String document) {
        JsonNode root = Json.parse(document);
        ((ObjectNode) root).put("openapi", "3.0.3");
        downgradeTypes(root);
        return root.toString();
    }

    private static void downgradeTypes(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(type -> named.add(type.asString()));
            if (named.remove("null")) {
                object.put("nullable", true);
            }
            if (named.size() == 1) {
                object.put("type", named.getFirst());
            } else {
                object.remove("type");
            }
        }
        node.forEach(ApiContract::downgradeTypes);
    }

    private static OpenApiInteractionValidator validatorFor(int port) {
        String document;
        try {
            HttpResponse<String> response = LOADER.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("no OpenAPI document on port " + port + ": " + response.statusCode());
            }
            document = response.body();
        } catch (IOException e) {
            throw new AssertionError("cannot load the OpenAPI document on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response.status.unknown", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }
}
