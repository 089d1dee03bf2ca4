package io.gatehouse.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Varied events, reproducible from a seed, for properties that must hold for every record (the
 * canonical payload, the hash chain's shortcuts): every optional field present or absent, and
 * requestParameters/responseElements/additionalEventData with the awkward parts of JSON. Keys
 * that need escaping or sort in surprising places (UTF-16 order puts a supplementary character
 * before U+FF01), keys just before and after {@code gatehouseIntegrity} and that name itself,
 * strings holding braces, quotes, backslashes and control characters, numbers Jackson reads back
 * differently from how they were given (BigDecimal, NaN, infinities, -0.0), empty maps and lists.
 * Strings are valid Unicode: a lone surrogate cannot be stored in the utf8mb4 outbox anyway.
 */
public final class RandomEvents {

    private static final String[] KEYS = {"a", "B", "", "0", "gatehouseIntegrity", "gatehouseIntegrit",
        "gatehouseIntegrityX", "gatehouseIntegrity0", "gatehouseintegrity", "gatehouseIntegritz", "eventName",
        "userIdentity", "zz", "\u00e9", "\u20ac", "\ud83d\ude00", "\uff01", "k\"ey", "back\\slash", "new\nline",
        "ctl\u0001", "{", "}", "[", ":", ",", "/", "\u007f", "\u2028", "\u0000"};

    private static final String[] FRAGMENTS = {"x", "bob", "\u00e9", "\ud83d\ude00", "\uff01", "\"", "\\", "\\\"",
        "\n", "\t", "\r", "\b", "\f", "\u0000", "\u001f", "\u007f", "\u2028", "{", "}", "[", "]", ",", ":", "/",
        "\"gatehouseIntegrity\":", "gatehouseIntegrity", "</script>", " ", "\\u0041"};

    private static final Object[] NUMBERS = {0L, -1L, 42L, Long.MAX_VALUE, Long.MIN_VALUE, 0.0, -0.0, 1.5, 0.1,
        1e-300, 4.9e-324, 1e22, 1e300, 123.0, 0.001, 1e7, 1.0E-4, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 0.1f, 3, (short) 7, (byte) -8, BigInteger.TWO.pow(100),
        BigInteger.TWO.pow(100).negate(), BigInteger.valueOf(5), new BigDecimal("1.50"), new BigDecimal("1E+3"),
        new BigDecimal("0.000"), new BigDecimal("-0"), new BigDecimal("150"), new BigDecimal("1E+400"),
        new BigDecimal("12345678901234567890.123456789"), new BigDecimal("-2.5E-7")};

    private RandomEvents() {
    }

    /** {@code count} events from {@code seed}. */
    public static List<AuditEvent> events(long seed, int count) {
        Random random = new Random(seed);
        List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(random));
        }
        return events;
    }

    /** One event, its optional fields each present about half the time. */
    public static AuditEvent event(Random random) {
        AuditEvent.Builder event = AuditEvent.builder()
                .userIdentity(identity(random))
                .eventTime(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000)))
                .eventSource(text(random) + ".amazonaws.com")
                .eventName(text(random))
                .awsRegion(pick(random, "us-east-1", "eu-west-3", "\u00e9\"\\"))
                .eventID(new UUID(random.nextLong(), random.nextLong()).toString())
                .recipientAccountId(String.format("%012d", (long) random.nextInt(Integer.MAX_VALUE)))
                .readOnly(random.nextBoolean())
                .managementEvent(random.nextBoolean())
                .eventType(pick(random, AuditEvent.EventType.values()))
                .eventCategory(pick(random, AuditEvent.Category.values()))
                .sourceIPAddress(maybe(random, "198.51.100.7"))
                .userAgent(maybe(random, text(random)))
                .errorCode(maybe(random, "AccessDenied"))
                .errorMessage(maybe(random, text(random)))
                .requestID(maybe(random, new UUID(random.nextLong(), random.nextLong()).toString()))
                .requestParameters(random.nextBoolean() ? object(random, 0) : null)
                .responseElements(random.nextBoolean() ? object(random, 0) : null)
                .additionalEventData(random.nextBoolean() ? object(random, 0) : null)
                .sessionCredentialFromConsole(pick(random, null, true, false));
        if (random.nextBoolean()) {
            List<AuditEvent.Resource> resources = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                resources.add(new AuditEvent.Resource(maybe(random, "AWS::IAM::User"),
                        maybe(random, "arn:aws:iam::123456789012:user/" + text(random)),
                        maybe(random, "123456789012")));
            }
            event.resources(resources);
        }
        return event.build();
    }

    private static UserIdentity identity(Random random) {
        UserIdentity.Builder identity = UserIdentity.builder(pick(random, UserIdentity.Type.values()))
                .principalId(maybe(random, "AIDA" + text(random)))
                .arn(maybe(random, "arn:aws:iam::123456789012:user/" + text(random)))
                .accountId(maybe(random, "123456789012"))
                .accessKeyId(maybe(random, "AKIAIOSFODNN7EXAMPLE"))
                .userName(maybe(random, text(random)))
                .invokedBy(maybe(random, "sts.amazonaws.com"))
                .identityProvider(maybe(random, text(random)));
        if (random.nextBoolean()) {
            identity.sessionContext(new UserIdentity.SessionContext(
                    random.nextBoolean() ? null : new UserIdentity.SessionIssuer(maybe(random, "Role"),
                            maybe(random, "AROA"), maybe(random, text(random)), maybe(random, "123456789012"),
                            maybe(random, text(random))),
                    random.nextBoolean() ? null : new UserIdentity.SessionAttributes(
                            Instant.ofEpochSecond(1_600_000_000L + random.nextInt(1_000_000)), random.nextBoolean()),
                    maybe(random, text(random))));
        }
        return identity.build();
    }

    private static Map<String, Object> object(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = random.nextInt(depth == 0 ? 8 : 4); i > 0; i--) {
            String key = KEYS[random.nextInt(KEYS.length)] + (random.nextInt(4) == 0 ? text(random) : "");
            object.put(key, value(random, depth + 1));
        }
        return object;
    }

    private static Object value(Random random, int depth) {
        switch (random.nextInt(depth < 4 ? 8 : 5)) {
            case 0:
                return text(random);
            case 1:
                return NUMBERS[random.nextInt(NUMBERS.length)];
            case 2:
                return random.nextBoolean() ? (Object) random.nextLong()
                        : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 3:
                return random.nextBoolean();
            case 4:
                return null;
            case 5:
            case 6:
                return object(random, depth);
            default:
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                return list;
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return text.toString();
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextBoolean() ? value : null;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
