package io.gatehouse.identity.internal.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rebuilds the SigV4 canonical request exactly as botocore and the AWS SDK for Java v2 build it for
 * non-S3 services (IAM, STS):
 *
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n \n signed headers \n payload hash
 * </pre>
 *
 * The canonical URI is the path as sent, dot segments removed and repeated slashes collapsed, then
 * URI-encoded again segment by segment (the "double encoding" non-S3 services use). The canonical
 * query decodes and re-encodes each name and value, sorts by name then value, and leaves out
 * {@code X-Amz-Signature} for presigned requests.
 */
final class CanonicalRequest {
    private CanonicalRequest() {}

    static String build(String method, String rawPath, List<QueryParameter> query, boolean presigned,
            RequestHeaders headers, List<String> signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(512);
        out.append(method).append('\n');
        out.append(canonicalUri(rawPath)).append('\n');
        out.append(canonicalQuery(query, presigned)).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':');
            headers.appendCanonicalValue(name, out);
            out.append('\n');
        }
        out.append('\n');
        for (int i = 0; i < signedHeaders.size(); i++) {
            out.append(i == 0 ? "" : ";").append(signedHeaders.get(i));
        }
        out.append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    static String canonicalUri(String rawPath) {
        if (rawPath != null && isCanonicalAlready(rawPath)) {
            return rawPath;
        }
        String normalized = removeDotSegments(rawPath == null ? "" : rawPath);
        return normalized.isEmpty() ? "/" : UriEncoding.encode(normalized.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Whether normalising and encoding would give the path back unchanged (as for the "/" every
     * IAM and STS call is sent to): it is not empty, has only unreserved characters and '/', no
     * empty segment inside and no "." or ".." segment.
     */
    private static boolean isCanonicalAlready(String path) {
        int n = path.length();
        if (n == 0) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? path.charAt(i) : '/';
            if (c != '/') {
                if (!UriEncoding.isUnreserved(c)) {
                    return false;
                }
                continue;
            }
            int length = i - segmentStart;
            boolean edge = segmentStart == 0 || i == n;
            if ((length == 0 && !edge) || isDots(path, segmentStart, length)) {
                return false;
            }
            segmentStart = i + 1;
        }
        return true;
    }

    private static boolean isDots(String path, int from, int length) {
        return (length == 1 && path.charAt(from) == '.')
                || (length == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.');
    }

    /**
     * RFC 3986 section 5.2.4 plus collapsing "//", as botocore's {@code remove_dot_segments} does (the
     * SDK v2 normalises the same way through {@code URI.normalize()}); a trailing slash is kept.
     */
    static String removeDotSegments(String path) {
        if (path.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(segment);
            }
        }
        String first = path.charAt(0) == '/' ? "/" : "";
        String last = path.charAt(path.length() - 1) == '/' && !out.isEmpty() ? "/" : "";
        return first + String.join("/", out) + last;
    }

    static String canonicalQuery(List<QueryParameter> query, boolean presigned) {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>(query.size());
        for (QueryParameter p : query) {
            if (presigned && PresignedQuery.SIGNATURE.equals(p.name())) {
                continue;
            }
            pairs.add(new String[] {p.canonicalName(), p.canonicalValue()});
        }
        // Encoded strings are ASCII, so String order is byte order, which is what the SDKs sort by.
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }
}
