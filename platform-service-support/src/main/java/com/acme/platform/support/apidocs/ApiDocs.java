package com.acme.platform.support.apidocs;

/**
 * Names the services' OpenAPI annotations share with {@link PlatformApiDocs}. A secured operation says so with
 * {@code @SecurityRequirement(name = ApiDocs.API_KEY, scopes = {ApiDocs.CLIENT, ApiDocs.ADMIN})}: OpenAPI 3.1 lets an
 * API-key requirement list the roles it needs, and {@link PlatformApiDocs} writes them into the operation's
 * description and adds its 401/403. An operation without a requirement is public. The gateway enforces the same table
 * (gateway-service's SecurityConfig); the documents only describe it.
 */
public final class ApiDocs {

    /** The security scheme's name in every document. */
    public static final String API_KEY = "ApiKey";
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String CLIENT = "client";
    public static final String ADMIN = "admin";

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String SERVED_BY = "X-Served-By";

    private ApiDocs() {
    }
}
