package com.acme.platform.testsupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An {@link HttpClient} that checks each response against its service's OpenAPI document ({@link ApiContract}) and,
 * if made with a default token, sends that token with every request that carries no {@code Authorization} of its own
 * (the tests of a feature call as a caller allowed everything; the security tests send their own tokens, or none
 * through {@link LocalHttp#ANONYMOUS}).
 */
final class ContractCheckingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final java.util.function.Supplier<String> defaultToken;

    ContractCheckingHttpClient(HttpClient delegate, java.util.function.Supplier<String> defaultToken) {
        this.delegate = delegate;
        this.defaultToken = defaultToken;
    }

    private HttpRequest authorized(HttpRequest request) {
        if (defaultToken == null || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + defaultToken.get()).build();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        request = authorized(request);
        HttpResponse<T> response = delegate.send(request, handler);
        ApiContract.check(request, response);
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest original, HttpResponse.BodyHandler<T> handler) {
        HttpRequest request = authorized(original);
        return delegate.sendAsync(request, handler).thenApply(response -> {
            ApiContract.check(request, response);
            return response;
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest original, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        HttpRequest request = authorized(original);
        return delegate.sendAsync(request, handler, pushPromiseHandler).thenApply(response -> {
            ApiContract.check(request, response);
            return response;
        });
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
