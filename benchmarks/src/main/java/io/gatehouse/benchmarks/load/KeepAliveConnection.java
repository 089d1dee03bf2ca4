package io.gatehouse.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One persistent HTTP/1.1 connection: send a request, read the status and skip the body. */
final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    KeepAliveConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    private final java.io.ByteArrayOutputStream lastBody = new java.io.ByteArrayOutputStream(4096);

    /** The body of the last response, as text (for the harness's set-up calls). */
    String lastBody() {
        return lastBody.toString(StandardCharsets.UTF_8);
    }

    /** Sends head + body and returns the response's status code; the response body is kept. */
    int exchange(String head, String body) throws IOException {
        lastBody.reset();
        out.write((head + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else {
            skip(Math.max(length, 0));
        }
        return code;
    }

    private void skip(int n) throws IOException {
        byte[] buffer = new byte[Math.min(Math.max(n, 1), 8192)];
        for (int left = n; left > 0;) {
            int read = in.read(buffer, 0, Math.min(left, buffer.length));
            if (read < 0) {
                throw new IOException("connection closed");
            }
            lastBody.write(buffer, 0, read);
            left -= read;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
