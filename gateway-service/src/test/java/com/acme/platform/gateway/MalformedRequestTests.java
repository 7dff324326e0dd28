package com.acme.platform.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests an HTTP client would refuse to send or would normalise, sent byte for byte: each one is a problem with
 * the request id, never an empty answer from the HTTP layer, and reaches no service.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTests extends GatewayTestSupport {

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "/api/products?cursor=%%%garbage => Malformed percent-encoding in the query at position 21 ('%%%')",
            "/api/products/%zz               => Malformed percent-encoding in the path at position 14 ('%zz')",
            "/api/products?limit=%G1         => Malformed percent-encoding in the query at position 20 ('%G1')",
            "/api/products?cursor=%          => Malformed percent-encoding in the query",
            "/api/products?q=a|b             => Character '|' at position 17 of the query",
            "/api/products/{id}              => Character '{' at position 14 of the path",
            "/api/products?q=<x>             => Character '<'",
            "/api/products/caf\u00e9            => Character 0xE9 at position 17 of the path",
            "/api/products#top               => Character '#'",
    })
    void aMalformedRequestTargetIsA400ProblemWithADetailAndTheRequestId(String target, String detail) throws Exception {
        int before = received();
        String response = rawRequest("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: malformed-1\r\n\r\n");

        assertProblem(response, 400, detail);
        assertThat(header(response, "x-request-id")).isEqualTo("malformed-1");
        assertThat(received()).isEqualTo(before);
    }

    @Test
    void aRequestLineOverTheLimitIs414() throws Exception {
        String response = rawRequest("GET /api/products?cursor=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(response, 414, "The request line is longer than the limit of 4096 bytes");
        assertThat(header(response, "x-request-id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        String response = rawRequest("GET /api/products HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: big-1\r\nX-Padding: "
                + "p".repeat(9000) + "\r\n\r\n");

        assertProblem(response, 431, "The request headers are larger than the limit of 8192 bytes");
        // Netty keeps no header of a request whose headers overflowed: the id is a new one
        assertThat(header(response, "x-request-id")).matches("[0-9a-f-]{36}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "header line without colon | GET /api/products HTTP/1.1\\r\\nHost: localhost\\r\\nBad Header Line\\r\\n\\r\\n | The request is not valid HTTP/1.1",
            "header name with ( )      | GET /api/products HTTP/1.1\\r\\nHost: localhost\\r\\nBad(Name): x\\r\\n\\r\\n | The request is not valid HTTP/1.1",
            "Content-Length not number | POST /api/products HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Length: abc\\r\\n\\r\\n | Content-Length",
            "space in the target       | GET /api/pro ducts HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n | The request is not valid HTTP/1.1",
            "unknown protocol version  | GET /api/products HTTP/1.x\\r\\nHost: localhost\\r\\n\\r\\n | The request is not valid HTTP/1.1",
            "Host port not a number    | GET /api/products HTTP/1.1\\r\\nHost: localhost:http\\r\\n\\r\\n | does not end in a valid port",
            "HTTP/1.1 without Host     | GET /api/products HTTP/1.1\\r\\nAccept: */*\\r\\n\\r\\n | must carry a Host header",
    })
    void aMalformedRequestLineOrHeaderIsA400Problem(String name, String request, String detail) throws Exception {
        int before = received();
        String response = rawRequest(request.replace("\\r\\n", "\r\n"));

        assertProblem(response, 400, detail);
        assertThat(header(response, "x-request-id")).isNotBlank();
        assertThat(received()).isEqualTo(before);
    }

    @Test
    void aMalformedRequestIsLoggedOnceWithItsRequestId(CapturedOutput output) throws Exception {
        rawRequest("GET /api/products?limit=%G1 HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: malformed-log-1\r\n\r\n");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut()).containsPattern(
                "\\[gateway-service,malformed-log-1,[^\\]]*\\] .*GET /api/products\\?limit=%G1 -> 400 malformed request: "));
        assertThat(output.getOut().lines().filter(line -> line.contains("malformed-log-1"))).hasSize(1);
    }

    @Test
    void aWellFormedRequestStillReachesTheService() throws Exception {
        String response = rawRequest("GET /api/products?cursor=abc%2Bdef&limit=5 HTTP/1.1\r\nHost: localhost:80\r\nConnection: close\r\n\r\n");

        assertThat(statusOf(response)).isEqualTo(200);
        assertThat(response).contains("\"servedBy\":\"product-service-");
    }

    private static int received() {
        return ALL_SERVICES.stream().mapToInt(StubService::received).sum();
    }

    private static void assertProblem(String response, int status, String detail) {
        assertThat(statusOf(response)).as(response).isEqualTo(status);
        assertThat(header(response, "content-type")).isEqualTo("application/problem+json");
        assertThat(response).contains("\"status\":" + status).contains(detail.replace("\"", "\\\""));
    }

    private static String header(String response, String name) {
        return response.substring(0, response.indexOf("\r\n\r\n")).lines()
                .filter(line -> line.toLowerCase().startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst().orElse("");
    }

    /** The request exactly as given (ISO-8859-1, one byte per char), on a fresh connection; the whole answer. */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);   // the first proxied request of a cold gateway on a loaded machine takes seconds
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
