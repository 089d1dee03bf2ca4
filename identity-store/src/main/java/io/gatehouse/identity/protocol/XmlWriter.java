package io.gatehouse.identity.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A small streaming XML writer for AWS Query responses; escapes all text. Not thread-safe. */
public final class XmlWriter {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(512);

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    public XmlWriter start(String name, String xmlns) {
        out.append('<').append(name).append(" xmlns=\"").append(xmlns).append("\">");
        return this;
    }

    public XmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text content; nothing at all when the value is null. */
    public XmlWriter element(String name, Object value) {
        if (value == null) {
            return this;
        }
        start(name);
        escape(value instanceof Instant i ? date(i) : value.toString());
        return end(name);
    }

    /** AWS's timestamp form in Query responses: ISO 8601 UTC, seconds precision. */
    public static String date(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return ISO.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        // By hand: a response carries several timestamps, and the formatter cost more than the rest.
        char[] out = "0000-00-00T00:00:00Z".toCharArray();
        put(out, 0, t.getYear(), 4);
        put(out, 5, t.getMonthValue(), 2);
        put(out, 8, t.getDayOfMonth(), 2);
        put(out, 11, t.getHour(), 2);
        put(out, 14, t.getMinute(), 2);
        put(out, 17, t.getSecond(), 2);
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
