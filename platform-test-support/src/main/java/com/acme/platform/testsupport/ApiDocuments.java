package com.acme.platform.testsupport;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published OpenAPI documents ({@code docs/openapi/<service>.json}) are the contract client teams build on. A
 * service's test fetches the document it serves and compares it with the committed copy: a breaking change (a removed
 * operation, a new required field, a narrowed type...) is reported by openapi-diff and fails the build, and so does any
 * other difference, so the committed copy (and the client generated from it) never drifts from the code. After a
 * deliberate change, rerun with {@code -Dopenapi.update=true}: the test writes the served document over the copy,
 * for the change to be reviewed in the commit.
 */
public final class ApiDocuments {

    /** {@code -Dopenapi.update=true} writes the served documents over the committed copies. */
    public static final String UPDATE_PROPERTY = "openapi.update";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ApiDocuments() {
    }

    /** The repository's {@code docs/openapi}; tests run in their module's directory, one level below the root. */
    public static Path publishedDirectory() {
        return Path.of(System.getProperty("platform.root", "..")).resolve("docs/openapi").normalize();
    }

    /** The document the service on {@code port} serves, parsed. */
    public static JsonNode served(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.get(port, "/v3/api-docs");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    /**
     * Fails unless the document served on {@code port} equals {@code docs/openapi/<service>.json}; the failure names
     * the breaking changes first. The served document is always written to {@code target/openapi/<service>.json}.
     */
    public static void assertMatchesPublished(int port, String service) throws IOException, InterruptedException {
        String served = MAPPER.writeValueAsString(served(port)) + "\n";
        Path target = Path.of("target/openapi", service + ".json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, served);

        Path published = publishedDirectory().resolve(service + ".json");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(published.getParent());
            Files.writeString(published, served);
            return;
        }
        if (!Files.exists(published)) {
            throw new AssertionError("no published copy " + published + "; create it with -D" + UPDATE_PROPERTY + "=true");
        }
        String committed = Files.readString(published);
        if (Json.parse(committed).equals(Json.parse(served))) {
            return;
        }
        ChangedOpenApi diff = OpenApiCompare.fromContents(committed, served);
        String verdict = diff.isIncompatible()
                ? "BREAKING change to the published API of " + service + " (clients built on " + published + " would break)"
                : "the API document of " + service + " changed compatibly, but " + published + " was not updated";
        throw new AssertionError(verdict + ". Served document: " + target.toAbsolutePath() + ". If the change is meant,"
                + " rerun with -D" + UPDATE_PROPERTY + "=true and commit the copy.\n" + render(diff));
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
