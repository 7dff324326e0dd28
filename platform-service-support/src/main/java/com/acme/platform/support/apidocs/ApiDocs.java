package com.acme.platform.support.apidocs;

/**
 * Names the services' OpenAPI annotations share with {@link PlatformApiDocs}. A secured operation says so with
 * {@code @SecurityRequirement(name = ApiDocs.ACCESS, scopes = {ApiDocs.CUSTOMER, ApiDocs.CLIENT, ApiDocs.ADMIN})}, the
 * roles it needs; {@link PlatformApiDocs} turns that into the document's real requirements (an OAuth2 token, or an API
 * key at the gateway), writes the roles into the operation's description and adds its 401/403. An operation without a
 * requirement is public. Each service enforces the same table itself (its SecurityConfig); the documents describe it.
 */
public final class ApiDocs {

    /** The marker requirement the controllers' annotations name; replaced by {@link #OAUTH2} and {@link #API_KEY}. */
    public static final String ACCESS = "Access";
    /** The security schemes' names in every document. */
    public static final String OAUTH2 = "OAuth2";
    public static final String API_KEY = "ApiKey";
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String CUSTOMER = "customer";
    public static final String CLIENT = "client";
    public static final String ADMIN = "admin";

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String SERVED_BY = "X-Served-By";

    private ApiDocs() {
    }
}
