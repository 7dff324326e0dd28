package com.acme.platform.productservice;

import com.acme.platform.testsupport.Json;
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
 * Requests an HTTP client would refuse to send or would normalise, sent byte for byte to the service's own port:
 * whether Tomcat refuses them before any servlet runs or Spring MVC trips over them, the answer is a problem with the
 * request id (platform-service-support's error report valve and problem handler), never Tomcat's HTML page or
 * Spring's default error JSON.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTests extends AbstractIntegrationTest {

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "/api/products?cursor=%%%garbage => Malformed percent-encoding in the query at position 21 ('%%%')",
            "/api/products?limit=%G1         => Malformed percent-encoding in the query at position 20 ('%G1')",
            "/api/products?cursor=%          => Malformed percent-encoding in the query",
            "/api/products/%zz               => Malformed percent-encoding in the path at position 14 ('%zz')",
    })
    void aBrokenPercentEscapeIsA400ProblemNamingItWithTheRequestId(String target, String detail) throws Exception {
        String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: malformed-1\r\nConnection: close\r\n\r\n");

        assertProblem(response, 400, detail);
        assertThat(header(response, "x-request-id")).isEqualTo("malformed-1");
    }

    @ParameterizedTest(name = "{0} -> 400")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "/api/products?q=a|b  => Invalid character found in the request target",
            "/api/products/{id}   => Invalid character found in the request target",
            "/api/products/caf\u00e9 => Invalid character found in the request target",
    })
    void aCharacterThatMustBeEncodedIsA400Problem(String target, String detail) throws Exception {
        String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(response, 400, detail);
        assertThat(header(response, "x-request-id")).matches("[0-9a-f-]{36}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "header line without colon | GET /api/products HTTP/1.1\\r\\nHost: localhost\\r\\nBad Header Line\\r\\n | The request is not valid HTTP/1.1",
            "Content-Length not number | POST /api/products HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Length: abc\\r\\n | Content-Length is not a number",
            "HTTP/1.1 without Host     | GET /api/products HTTP/1.1\\r\\nAccept: */*\\r\\n | must carry a Host header",
            "two Host headers          | GET /api/products HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n | one Host header",
    })
    void aMalformedHeaderIsA400Problem(String name, String head, String detail) throws Exception {
        String response = raw(head.replace("\\r\\n", "\r\n") + "X-Request-Id: malformed-2\r\nConnection: close\r\n\r\n");

        assertProblem(response, 400, detail);
        assertThat(header(response, "x-request-id")).isNotBlank();
    }

    @Test
    void aRequestLineOverTheHeaderLimitIs414() throws Exception {
        String response = raw("GET /api/products?cursor=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(response, 414, "The request line is longer than the limit of 8192 bytes");
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        String response = raw("GET /api/products HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: big-2\r\nX-Padding: "
                + "p".repeat(9000) + "\r\nConnection: close\r\n\r\n");

        assertProblem(response, 431, "The request line and headers are larger than the limit of 8192 bytes");
        assertThat(header(response, "x-request-id")).isEqualTo("big-2");
    }

    @Test
    void eachMalformedRequestIsLoggedOnceWithItsRequestId(CapturedOutput output) throws Exception {
        raw("GET /api/products?limit=%G1 HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: malformed-log-1\r\nConnection: close\r\n\r\n");
        raw("GET /api/products/%zz HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: malformed-log-2\r\nConnection: close\r\n\r\n");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[product-service-1,malformed-log-1,[^\\]]*\\] .*GET /api/products\\?limit=%G1 -> 400 .*Malformed percent-encoding")
                .containsPattern("\\[product-service-1,malformed-log-2,[^\\]]*\\] .*GET /api/products/%zz -> 400 .*Malformed percent-encoding"));
        assertThat(output.getOut().lines().filter(line -> line.contains("malformed-log-1"))).hasSize(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("malformed-log-2"))).hasSize(1);
    }

    private static void assertProblem(String response, int status, String detail) {
        assertThat(Integer.parseInt(response.substring(9, 12))).as(response).isEqualTo(status);
        assertThat(header(response, "content-type")).startsWith("application/problem+json");
        String body = body(response);
        assertThat(Json.parse(body).get("detail").asString()).contains(detail);
        assertThat(Json.parse(body).get("status").asInt()).isEqualTo(status);
    }

    /** The body, put back together when Tomcat sent it chunked. */
    private static String body(String response) {
        String rest = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (!header(response, "transfer-encoding").equalsIgnoreCase("chunked")) {
            return rest;
        }
        StringBuilder body = new StringBuilder();
        for (int size; (size = Integer.parseInt(rest.substring(0, rest.indexOf("\r\n")).trim(), 16)) > 0; ) {
            int start = rest.indexOf("\r\n") + 2;
            body.append(rest, start, start + size);
            rest = rest.substring(start + size + 2);
        }
        return body.toString();
    }

    private static String header(String response, String name) {
        return response.substring(0, response.indexOf("\r\n\r\n")).lines()
                .filter(line -> line.toLowerCase().startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst().orElse("");
    }

    /** The request exactly as given (ISO-8859-1, one byte per char): what an HTTP client would have normalised or refused. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
