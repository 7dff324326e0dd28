package com.acme.platform.support.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every service's OpenAPI document says alike, because the gateway in front of them makes it so: the relative
 * server (Swagger UI on the gateway sends "try it out" through the gateway), the security schemes (an OAuth2 token from
 * the platform's authorization server, authorization code with PKCE for people and client credentials for machines; or
 * an {@code X-API-Key} at the gateway) and the roles each operation needs, the answers the gateway itself gives on any route (401/403 on secured operations,
 * 429 with the rate-limit headers, 503 from a breaker, 400 for a malformed request, 413/415 on bodies), RFC 9457
 * {@code application/problem+json} for every error, {@code X-Request-Id} and {@code X-Served-By} on every answer. The
 * gateway-set identity headers ({@code X-Principal*}) are removed: a client cannot send them (the gateway overwrites
 * them).
 * <p>
 * Each controller documents its own operations (summary, domain status codes, headers); an error response it declares
 * with a description only gets the problem schema here.
 */
public class PlatformApiDocs implements OpenApiCustomizer {

    private final String issuer;

    /** {@code issuer}: the authorization server as a browser reaches it (Swagger UI's Authorize sends people there). */
    public PlatformApiDocs(String issuer) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/" + ApiDocs.PROBLEM_SCHEMA;
    private static final String HEADER_REF = "#/components/headers/";

    @Override
    public void customise(OpenAPI api) {
        api.setServers(List.of(new Server().url("/")
                .description("the origin this document was loaded from: the gateway, which routes every /api/** path")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes(ApiDocs.OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("""
                        An access token (JWT) from the platform's authorization server, sent as `Authorization: Bearer \
                        <token>`; the gateway and every service check it. People sign in with the authorization code \
                        flow and PKCE (public client `platform-public`); machines use client credentials. The token's \
                        `roles` claim says what it may do: `customer` (its own orders and notifications), `client` \
                        (orders; for any customer only with the `orders:any-customer` scope), `admin` (everything). \
                        No token or a bad one answers 401, a valid token without the role 403 (docs/security.md).""")
                .flows(new OAuthFlows()
                        .authorizationCode(new OAuthFlow()
                                .authorizationUrl(issuer + "/oauth2/authorize")
                                .tokenUrl(issuer + "/oauth2/token")
                                .refreshUrl(issuer + "/oauth2/token")
                                .scopes(new Scopes().addString("openid", "sign in (OpenID Connect)")))
                        .clientCredentials(new OAuthFlow()
                                .tokenUrl(issuer + "/oauth2/token")
                                .scopes(new Scopes().addString("orders:any-customer", "a machine client placing and reading orders for any customer")))));
        components.addSecuritySchemes(ApiDocs.API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name(ApiDocs.API_KEY_HEADER)
                .description("""
                        For machine clients that cannot do OAuth2: an API key the gateway checks and exchanges for the \
                        token of the client the key belongs to (same roles as above). Keys are configured per \
                        deployment; none is published."""));
        components.addSchemas(ApiDocs.PROBLEM_SCHEMA, problemSchema());
        sharedHeaders().forEach(components::addHeaders);
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> customise(path, method, operation)));
        }
    }

    private static void customise(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                    && parameter.getName().toLowerCase(Locale.ROOT).startsWith("x-principal"));
            if (operation.getParameters().isEmpty()) {
                operation.setParameters(null);
            }
        }
        List<String> roles = roles(operation);
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (roles.isEmpty()) {
            // Explicitly public: an empty requirement list, so the operation does not inherit any document-wide one.
            operation.setSecurity(new ArrayList<>());
            operation.setDescription(append(operation.getDescription(), "**Access:** public, no token needed."));
        } else {
            operation.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(ApiDocs.OAUTH2),
                    new SecurityRequirement().addList(ApiDocs.API_KEY))));
            operation.setDescription(append(operation.getDescription(),
                    "**Access:** a token (or API key) with role " + String.join(" or ", roles) + "."));
            responses.putIfAbsent("401", new ApiResponse().description("no token, or one that is expired, badly signed, from another issuer or for another audience (WWW-Authenticate says which)"));
            responses.putIfAbsent("403", new ApiResponse().description("the token is valid but lacks the role this operation needs"));
        }
        boolean body = operation.getRequestBody() != null;
        responses.putIfAbsent("400", new ApiResponse().description(body
                ? "the body is not valid JSON or breaks a field's rule (the detail names every field), or a parameter is invalid"
                : "a parameter is invalid or the request is malformed (the detail says which)"));
        if (body) {
            responses.putIfAbsent("413", new ApiResponse().description("the body is larger than the platform accepts"));
            responses.putIfAbsent("415", new ApiResponse().description("the body is not sent as application/json"));
        }
        responses.putIfAbsent("429", new ApiResponse()
                .description("rate limit exceeded (per caller, or per client address when anonymous or refused); retry after Retry-After")
                .addHeaderObject("Retry-After", ref("Retry-After"))
                .addHeaderObject("X-RateLimit-Remaining", ref("X-RateLimit-Remaining"))
                .addHeaderObject("X-RateLimit-Replenish-Rate", ref("X-RateLimit-Replenish-Rate"))
                .addHeaderObject("X-RateLimit-Burst-Capacity", ref("X-RateLimit-Burst-Capacity"))
                .addHeaderObject("X-RateLimit-Requested-Tokens", ref("X-RateLimit-Requested-Tokens")));
        responses.putIfAbsent("503", new ApiResponse()
                .description("the service, or one it depends on, is unavailable right now; nothing was changed, retry later")
                .addHeaderObject("Retry-After", ref("Retry-After")));
        Map<String, ApiResponse> sorted = new LinkedHashMap<>();
        responses.keySet().stream().sorted().forEach(code -> sorted.put(code, responses.get(code)));
        responses.clear();
        sorted.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
            }
            if (response.getHeaders() != null) {
                // springdoc gives an annotated @Header(ref = ...) a style, which OpenAPI forbids beside a $ref
                response.getHeaders().values().stream().filter(header -> header.get$ref() != null)
                        .forEach(header -> header.setStyle(null));
            }
            response.addHeaderObject(ApiDocs.REQUEST_ID, ref(ApiDocs.REQUEST_ID));
            response.addHeaderObject(ApiDocs.SERVED_BY, ref(ApiDocs.SERVED_BY));
            responses.addApiResponse(code, response);
        });
    }

    /** The roles of the operation's {@link ApiDocs#ACCESS} requirement; empty when the operation is public. */
    private static List<String> roles(Operation operation) {
        if (operation.getSecurity() == null) {
            return List.of();
        }
        return operation.getSecurity().stream().map(requirement -> requirement.get(ApiDocs.ACCESS))
                .filter(java.util.Objects::nonNull).flatMap(List::stream).distinct().toList();
    }

    private static String append(String description, String sentence) {
        return description == null || description.isBlank() ? sentence : description.strip() + "\n\n" + sentence;
    }

    private static Header ref(String name) {
        return new Header().$ref(HEADER_REF + name);
    }

    private static Map<String, Header> sharedHeaders() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(ApiDocs.REQUEST_ID, new Header().description("""
                The request's id in every log line of every service: the one the client sent in X-Request-Id (if it is \
                1..128 of A-Z a-z 0-9 . _ : -), else a new one.""").schema(new StringSchema().example("3f2c9a1e-7b7e-4c1b-9a57-0d6f3c2e8b11")));
        headers.put(ApiDocs.SERVED_BY, new Header().description("the service instance that answered")
                .schema(new StringSchema().example("product-service-1")));
        headers.put("Retry-After", new Header().description("seconds to wait before retrying")
                .schema(new IntegerSchema().example(1)));
        headers.put("X-RateLimit-Remaining", new Header().description("requests left in the current window")
                .schema(new IntegerSchema().example(0)));
        headers.put("X-RateLimit-Replenish-Rate", new Header().description("requests per second granted")
                .schema(new IntegerSchema().example(100)));
        headers.put("X-RateLimit-Burst-Capacity", new Header().description("largest burst allowed")
                .schema(new IntegerSchema().example(200)));
        headers.put("X-RateLimit-Requested-Tokens", new Header().description("tokens this request cost")
                .schema(new IntegerSchema().example(1)));
        return headers;
    }

    /** RFC 9457 problem details, as Spring's ProblemDetail writes them. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details: every error of the platform, the gateway's included")
                .addProperty("type", new StringSchema().format("uri-reference").description("a URI naming the problem type; about:blank when only the status says it")
                        .example("about:blank"))
                .addProperty("title", new StringSchema().description("the status's short text").example("Bad Request"))
                .addProperty("status", new IntegerSchema().description("the HTTP status code").example(400))
                .addProperty("detail", new StringSchema().description("what went wrong, for a human")
                        .example("'limit' must be less than or equal to 1000"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request path")
                        .example("/api/products"))
                .required(List.of("status"));
    }
}
