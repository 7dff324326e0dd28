package com.acme.platform.gateway.malformed;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits right after Netty's HTTP decoder, ahead of Reactor Netty's request handling. Reactor Netty answers a request
 * that failed to decode (request line or headers over the limit, a malformed request line or header) or whose
 * {@code Host} port is not a number itself: an empty 400/414/431 and a log line without request id. Such a request is
 * replaced here by a stand-in {@code GET /} that {@link MalformedRequestResponder} recognises (by the identity of its
 * headers, so no client can forge it) and answers with a problem.
 *
 * <p>The stand-in carries {@code Connection: close}: after a decoding failure the rest of the byte stream cannot be
 * framed (Netty's decoder drops it anyway), and whatever else arrives on the connection is released unread. Going
 * through Reactor Netty rather than writing the answer here keeps answers in order when a client pipelines requests.
 */
final class DecodingFailureHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "platform.decodingFailureHandler";
    private static final AttributeKey<StandIn> STAND_IN = AttributeKey.valueOf(DecodingFailureHandler.class, "standIn");
    private static final String REQUEST_ID = "X-Request-Id";
    /** The request Netty's decoder makes up when it could not read the request line ({@code HttpRequestDecoder#createInvalidMessage}). */
    private static final String UNREADABLE_TARGET = "/bad-request";

    private final long maxInitialLineLength;
    private final long maxHeaderSize;
    private boolean discarding;

    DecodingFailureHandler(long maxInitialLineLength, long maxHeaderSize) {
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    /** The rejection behind this exact request, if it is a stand-in made by this handler; else {@code null}. */
    static Rejection rejectionFor(Channel channel, HttpHeaders requestHeaders) {
        if (!channel.hasAttr(STAND_IN)) {   // hasAttr, unlike attr, allocates nothing on the hot path
            return null;
        }
        StandIn standIn = channel.attr(STAND_IN).get();
        return standIn != null && standIn.headers() == requestHeaders ? standIn.rejection() : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Rejection rejection = rejection(request);
            if (rejection != null) {
                FullHttpRequest standIn = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", Unpooled.EMPTY_BUFFER);
                standIn.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.channel().attr(STAND_IN).set(new StandIn(standIn.headers(), rejection));
                discarding = !(msg instanceof LastHttpContent);   // a body may follow a request with a bad Host
                ReferenceCountUtil.release(msg);
                ctx.fireChannelRead(standIn);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private Rejection rejection(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            boolean lineUnreadable = request instanceof FullHttpRequest && UNREADABLE_TARGET.equals(request.uri());
            String method = lineUnreadable ? "-" : request.method().name();
            String target = lineUnreadable ? "-" : request.uri();
            String requestId = request.headers().get(REQUEST_ID);
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is longer than the limit of "
                        + maxInitialLineLength + " bytes; shorten the URL", method, target, requestId);
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request headers are larger than the limit of "
                        + maxHeaderSize + " bytes", method, target, requestId);
            }
            String why = cause instanceof NumberFormatException ? "Content-Length is not a number"
                    : RequestTarget.printable(String.valueOf(cause.getMessage()));
            return new Rejection(HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP/1.1: " + why, method, target, requestId);
        }
        String hostProblem = hostProblem(request);
        if (hostProblem != null) {
            return new Rejection(HttpResponseStatus.BAD_REQUEST, hostProblem, request.method().name(), request.uri(),
                    request.headers().get(REQUEST_ID));
        }
        return null;
    }

    /**
     * RFC 9112 requires a Host header on HTTP/1.1; Reactor Netty parses its port with {@code Integer.parseInt} and
     * answers an empty 400 when that fails, so the port is checked here first.
     */
    private static String hostProblem(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null) {
            return HttpVersion.HTTP_1_1.equals(request.protocolVersion()) ? "An HTTP/1.1 request must carry a Host header" : null;
        }
        int colon = !host.isEmpty() && host.charAt(0) == '[' ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String port = host.substring(colon + 1);
        boolean valid = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(port) <= 65535;
        return valid ? null : "The Host header '" + RequestTarget.printable(host) + "' does not end in a valid port";
    }

    private record StandIn(HttpHeaders headers, Rejection rejection) {
    }
}
