package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postman collection covers every endpoint of the platform contract, in the story's order, and every request
 * asserts something; it authenticates with OAuth 2.0 (a client-credentials token from auth-service, fetched by its
 * first request) and proves that a call without a token is refused. (Running it needs the platform: .ci/run does
 * that with newman, see README.)
 */
class PostmanCollectionTests {

    /** Every routed endpoint of shared/notes/platform-contract.md, as "METHOD /path/{template}". */
    static final List<String> CONTRACT_ENDPOINTS = List.of(
            "GET /api/products", "GET /api/products/{id}", "POST /api/products", "PUT /api/products/{id}",
            "DELETE /api/products/{id}",
            "POST /api/orders", "GET /api/orders/{id}", "GET /api/orders",
            "GET /api/notifications", "GET /api/analytics/top-products",
            "GET /api/admin/dlq", "POST /api/admin/dlq/{id}/replay", "POST /api/admin/dlq/replay",
            "DELETE /api/admin/dlq/{id}", "GET /api/admin/faults", "PUT /api/admin/faults",
            "GET /swagger-ui.html", "GET /v3/api-docs/{service}");

    /** create product -> cached reads -> update -> place order -> confirmed -> notification -> analytics -> fault on -> DLQ -> replay. */
    static final List<String> STORY = List.of("POST /api/products", "GET /api/products/{id}", "PUT /api/products/{id}",
            "POST /api/orders", "GET /api/orders/{id}", "GET /api/notifications", "GET /api/analytics/top-products",
            "PUT /api/admin/faults", "GET /api/admin/dlq", "POST /api/admin/dlq/{id}/replay");

    /** auth: the request's own auth type, or "" when it inherits the collection's. */
    record Request(String name, String endpoint, String tests, String pre, String auth, String host, JsonNode headers) {
        boolean sendsApiKey() {
            for (JsonNode header : headers) {
                if (header.path("key").asText().equalsIgnoreCase("X-API-Key") && !header.path("disabled").asBoolean()) {
                    return true;
                }
            }
            return false;
        }
    }

    static List<Request> requests;
    static JsonNode collection;
    static JsonNode environment;

    @BeforeAll
    static void load() throws IOException {
        Path root = RepositoryFiles.root();
        collection = Yaml.JSON.readTree(root.resolve("postman/platform.postman_collection.json").toFile());
        environment = Yaml.JSON.readTree(root.resolve("postman/local.postman_environment.json").toFile());
        requests = new ArrayList<>();
        collect(collection.path("item"), requests);
    }

    private static void collect(JsonNode items, List<Request> into) {
        for (JsonNode item : items) {
            if (item.has("item")) {
                collect(item.path("item"), into);
                continue;
            }
            JsonNode request = item.path("request");
            List<String> segments = new ArrayList<>();
            request.path("url").path("path").forEach(s -> segments.add(s.asText().startsWith("{{") ? "{id}" : s.asText()));
            String path = "/" + String.join("/", segments);
            if (path.startsWith("/v3/api-docs/")) {
                path = "/v3/api-docs/{service}";
            }
            StringBuilder tests = new StringBuilder();
            StringBuilder pre = new StringBuilder();
            item.path("event").forEach(e -> e.path("script").path("exec").forEach(line ->
                    ("test".equals(e.path("listen").asText()) ? tests : pre).append(line.asText()).append('\n')));
            into.add(new Request(item.path("name").asText(), request.path("method").asText() + " " + path,
                    tests.toString(), pre.toString(), request.path("auth").path("type").asText(""),
                    request.path("url").path("host").path(0).asText(), request.path("header")));
        }
    }

    @Test
    void coversEveryEndpointOfTheContract() {
        Set<String> covered = new LinkedHashSet<>();
        requests.forEach(r -> covered.add(r.endpoint()));

        assertThat(covered).containsAll(CONTRACT_ENDPOINTS);
    }

    @Test
    void tellsTheStoryInOrder() {
        List<Integer> firstIndex = new ArrayList<>();
        for (String step : STORY) {
            int index = -1;
            for (int i = 0; i < requests.size(); i++) {
                if (requests.get(i).endpoint().equals(step)) {
                    index = i;
                    break;
                }
            }
            firstIndex.add(index);
        }

        assertThat(firstIndex).doesNotContain(-1).isSorted();
    }

    @Test
    void everyRequestAssertsItsStatusOrPollsForAState() {
        assertThat(requests).allSatisfy(r -> assertThat(r.tests()).as(r.name())
                .containsAnyOf("pm.response.to.have.status(", "pm.response.code ==="));
    }

    @Test
    void theContractsHeadersAreAsserted() {
        StringBuilder all = new StringBuilder();
        requests.forEach(r -> all.append(r.tests()));

        assertThat(all.toString()).contains("'X-Cache'", "'ETag'", "'X-Served-By'", "'Idempotent-Replayed'",
                "'X-Request-Id'", "'Location'", "'X-Consistency-Token'", "application/problem+json");
    }

    @Test
    void authenticatesWithOAuth2UsingTheTokenOfItsFirstRequest() {
        JsonNode auth = collection.path("auth");
        assertThat(auth.path("type").asText()).isEqualTo("oauth2");
        assertThat(auth.path("oauth2").toString()).contains("\"accessToken\"", "{{accessToken}}", "{{authUrl}}/oauth2/token");

        Request first = requests.getFirst();
        assertThat(first.endpoint()).isEqualTo("POST /oauth2/token");
        assertThat(first.host()).isEqualTo("{{authUrl}}");
        assertThat(first.auth()).as("client credentials with HTTP Basic").isEqualTo("basic");
        assertThat(first.tests()).contains("pm.response.to.have.status(200)", "pm.collectionVariables.set('accessToken'");
        assertThat(environment.path("values").toString()).contains("\"authUrl\"", "http://localhost:9000",
                "demo-client", "demo-client-secret");
    }

    @Test
    void eachRequestSendsOneKindOfCredentialsOrNone() {
        // An X-API-Key request says noauth, so it never also carries the collection's token: it shows the API-key option.
        assertThat(requests).filteredOn(Request::sendsApiKey).isNotEmpty()
                .allSatisfy(r -> assertThat(r.auth()).as(r.name()).isEqualTo("noauth"));
        // The story runs on the token: placing and reading orders inherit the collection's OAuth 2.0 auth.
        assertThat(requests).filteredOn(r -> r.endpoint().equals("POST /api/orders") && r.tests().contains("status(201)"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.auth()).as(r.name()).isEmpty());
    }

    @Test
    void aCallWithoutATokenIsRefusedWithWwwAuthenticate() {
        assertThat(requests).anySatisfy(r -> {
            assertThat(r.auth()).isEqualTo("noauth");
            assertThat(r.sendsApiKey()).isFalse();
            assertThat(r.endpoint()).startsWith("GET /api/orders");
            assertThat(r.tests()).contains("pm.response.to.have.status(401)", "'WWW-Authenticate'");
        });
    }

    @Test
    void pollingIsBounded() {
        List<Request> polls = requests.stream().filter(r -> r.tests().contains("setNextRequest")).toList();

        assertThat(polls).isNotEmpty().allSatisfy(r -> assertThat(r.tests()).as(r.name())
                .containsPattern("attempt \\+? ?1? ?< (max|3)"));
        assertThat(environment.path("values").toString()).contains("pollAttempts", "pollDelayMs");
    }
}
