package com.acme.platform.gateway.malformed;

/**
 * Checks a request target (path and query, as sent) against RFC 3986: every character is unreserved, a sub-delim,
 * {@code : @ / ?}, or part of a {@code %XX} escape. Anything else (a bare or broken {@code %}, a space, {@code | { } " < >},
 * a raw non-ASCII byte, a fragment) makes Spring WebFlux fail to parse the URI and answer an empty 400, so it is refused
 * here first with a detail that names the offending character.
 */
final class RequestTarget {

    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
            ALLOWED[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@/?".toCharArray()) {
            ALLOWED[c] = true;
        }
    }

    private RequestTarget() {
    }

    /** Why the target is malformed, as a problem detail; {@code null} when it is well-formed (the hot path: one table lookup per character). */
    static String problem(String target) {
        int query = -1;
        for (int i = 0, n = target.length(); i < n; i++) {
            char c = target.charAt(i);
            if (c < 128 && ALLOWED[c]) {
                if (c == '?' && query < 0) {
                    query = i;
                }
                continue;
            }
            String part = query >= 0 && i > query ? "query" : "path";
            if (c == '%') {
                if (i + 2 < n && isHex(target.charAt(i + 1)) && isHex(target.charAt(i + 2))) {
                    i += 2;
                    continue;
                }
                return "Malformed percent-encoding in the " + part + " at position " + i + " ('"
                        + printable(target.substring(i, Math.min(n, i + 3)))
                        + "'): '%' must be followed by two hex digits; a literal '%' is sent as %25";
            }
            return "Character " + describe(c) + " at position " + i + " of the " + part
                    + " is not allowed in a URL; percent-encode it (RFC 3986)";
        }
        return null;
    }

    /** The text, at most 200 characters of it, with anything but printable ASCII and spaces replaced: safe for a log line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 200 ? out.append("...").toString() : out.toString();
    }

    private static String describe(char c) {
        // Netty reads the request line as ISO-8859-1: a char above 0x7f is one raw byte of the client's encoding.
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("0x%02X", (int) c);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
