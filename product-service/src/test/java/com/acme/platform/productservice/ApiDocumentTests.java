package com.acme.platform.productservice;

import com.acme.platform.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

/**
 * The document this service serves is the one published in docs/openapi/product-service.json (see {@link ApiDocuments}:
 * breaking changes are named, a deliberate change is taken with {@code -Dopenapi.update=true}).
 */
class ApiDocumentTests extends AbstractIntegrationTest {

    @Test
    void theServedDocumentIsThePublishedOne() throws Exception {
        ApiDocuments.assertMatchesPublished(port, "product-service");
    }
}
