package com.acme.platform.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP calls to a service under test listening on this machine (127.0.0.1). */
public final class LocalHttp {

    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One client for every test of the JVM: connecting takes at most 5 s. Responses from a port registered with
     * {@link ApiContract#enforce(int)} are checked against that service's OpenAPI document. A request without an
     * {@code Authorization} header gets {@link TestTokenIssuer#unrestricted()}'s token: every feature test calls as
     * a caller allowed everything, and the security tests say who calls.
     */
    public static final HttpClient CLIENT = new ContractCheckingHttpClient(PLAIN,
            () -> TestTokenIssuer.shared().unrestricted());

    /** The same, without a default token: a request carries only the credentials it names. */
    public static final HttpClient ANONYMOUS = new ContractCheckingHttpClient(PLAIN, null);

    private LocalHttp() {
    }

    /** {@code GET http://127.0.0.1:<port><path>} with these headers (name, value, ...), answered within 10 s. */
    public static HttpResponse<String> get(int port, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends {@code request} byte for byte (ISO-8859-1, one byte per char) on a new connection and returns the whole
     * answer, for requests an HTTP client would normalise or refuse to send. The request should ask for
     * {@code Connection: close}, or the server must close the connection itself.
     */
    public static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
