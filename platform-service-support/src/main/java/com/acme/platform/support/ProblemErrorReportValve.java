package com.acme.platform.support;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers what Tomcat refuses before any filter or servlet runs as a problem like every other error, with
 * {@code X-Request-Id} and one log line, instead of Tomcat's HTML error page: a request target with characters that
 * must be encoded or a broken {@code %} escape in the path (400), a request line longer than
 * {@code server.max-http-request-header-size} (414), request line and headers together over it (431; Tomcat itself
 * says 400), a malformed header, a missing or repeated {@code Host}, a {@code Content-Length} that is not a number (400).
 * Tomcat sends those requests straight to the host's error report valve, which this one replaces.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    /** Tomcat's message (in Tomcat's locale) when request line plus headers outgrow the header buffer. */
    private static final String HEADERS_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
            .getString("iib.requestheadertoolarge.error");

    private final long maxHeaderSize;

    ProblemErrorReportValve(long maxHeaderSize) {
        this.maxHeaderSize = maxHeaderSize;
    }

    /** Puts this valve in place of the error report valves of the context's host (Spring Boot adds one of its own). */
    static void replaceIn(Context context, long maxHeaderSize) {
        Container host = context.getParent();
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        pipeline.addValve(new ProblemErrorReportValve(maxHeaderSize));
        if (host instanceof StandardHost standardHost) {
            // The host adds a valve of this class on start unless it finds one: it finds ours.
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As ErrorReportValve: only an error nobody has answered yet, on a connection that can still carry it.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        String path = coyote.requestURI().isNull() ? null : coyote.requestURI().toString();
        String query = coyote.queryString().isNull() ? null : coyote.queryString().toString();
        String target = path == null ? "-" : query == null ? path : path + "?" + query;
        String detail;
        if (throwable != null && HEADERS_TOO_LARGE.equals(throwable.getMessage())) {
            // Tomcat has one limit for request line and headers together; which of them overflowed decides the code.
            status = path == null ? HttpServletResponse.SC_REQUEST_URI_TOO_LONG : 431;
            detail = path == null
                    ? "The request line is longer than the limit of " + maxHeaderSize + " bytes; shorten the URL"
                    : "The request line and headers are larger than the limit of " + maxHeaderSize + " bytes";
        } else {
            detail = detail(status, request, response, throwable, target);
        }
        String requestId = RequestIdFilter.acceptOrCreate(request.getHeader(RequestIdFilter.HEADER));
        String method = coyote.method().isNull() || coyote.method().toString().isEmpty() ? "-" : coyote.method().toString();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdFilter.MDC_KEY, requestId)) {
            log.info("{} {} -> {} refused by the server: {}", method, RequestTarget.printable(target), status, detail);
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("requestId", requestId);
        try {
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader(RequestIdFilter.HEADER, requestId);
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JsonMapper.shared().writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing left to tell it
        }
    }

    private static String detail(int status, Request request, Response response, Throwable throwable, String target) {
        if (status >= 500) {
            return "The service could not complete the request; quote the request id when reporting it";
        }
        // A request line or header Tomcat could not parse: its message names the culprit, and nothing after the
        // failure point (headers, for a bad request line) was read, so nothing else can be judged.
        if (status == HttpServletResponse.SC_BAD_REQUEST && throwable == null) {
            String targetProblem = "-".equals(target) ? null : RequestTarget.problem(target);
            if (targetProblem != null) {
                return targetProblem;
            }
            List<String> hosts = Collections.list(request.getHeaders("Host"));
            if (hosts.isEmpty() && "HTTP/1.1".equals(request.getProtocol())) {
                return "An HTTP/1.1 request must carry a Host header";
            }
            if (hosts.size() > 1) {
                return "A request carries one Host header, not " + hosts.size();
            }
            if (hosts.size() == 1 && !validPort(hosts.getFirst())) {
                return "The Host header '" + RequestTarget.printable(hosts.getFirst()) + "' does not end in a valid port";
            }
            String contentLength = request.getHeader("Content-Length");
            if (contentLength != null && !contentLength.chars().allMatch(Character::isDigit)) {
                return "The request is not valid HTTP/1.1: Content-Length is not a number";
            }
        }
        String why = throwable != null && throwable.getMessage() != null ? throwable.getMessage() : response.getMessage();
        if (why == null || why.isBlank()) {
            HttpStatus known = HttpStatus.resolve(status);
            return known == null ? "Request refused" : known.getReasonPhrase();
        }
        String firstLine = why.lines().findFirst().orElse(why);
        return status == HttpServletResponse.SC_BAD_REQUEST
                ? "The request is not valid HTTP/1.1: " + RequestTarget.printable(firstLine)
                : RequestTarget.printable(firstLine);
    }

    private static boolean validPort(String host) {
        int colon = !host.isEmpty() && host.charAt(0) == '[' ? host.indexOf(':', host.indexOf(']')) : host.indexOf(':');
        if (colon < 0) {
            return true;
        }
        String port = host.substring(colon + 1);
        return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(port) <= 65535;
    }
}
