package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.Events;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.audit.internal.chain.Chain;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record never outgrows what the relay can publish, whatever a caller sends. */
class OversizedRecordTest {

    private static AuditEvent.Builder refused() {
        return AuditEvent.builder()
                .userIdentity(UserIdentity.builder(UserIdentity.Type.UNKNOWN).build())
                .eventTime(Events.TIME)
                .eventSource("iam.amazonaws.com")
                .eventName("Unknown")
                .awsRegion("us-east-1")
                .recipientAccountId("123456789012")
                .errorCode("MissingAuthenticationToken")
                .errorMessage("Request is missing Authentication Token");
    }

    @Test
    void aRecordUnderTheLimitIsKeptWhole() {
        AuditEvent event = refused().requestParameters(Map.of("policyDocument", "x".repeat(128 * 1024))).build();

        assertThat(OutboxAuditLog.bounded(event)).isEqualTo(CloudTrailJson.write(event));
    }

    @Test
    void anOversizedRecordKeepsWhoWhenAndHowButNotTheBulk() {
        AuditEvent event = refused()
                .requestParameters(Map.of("a".repeat(10 * 1024 * 1024), ""))
                .responseElements(Map.of("small", "kept out too"))
                .errorMessage("é".repeat(5000))
                .userAgent("agent/1.0")
                .build();

        String payload = OutboxAuditLog.bounded(event);

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(OutboxAuditLog.MAX_RECORD_BYTES);
        assertThat(payload).contains("\"errorCode\":\"MissingAuthenticationToken\"", "\"eventID\":\"" + event.eventID(),
                "\"userAgent\":\"agent/1.0\"", "\"requestParameters\":{\"gatehouseOmitted\":\"requestParameters left out:",
                "\"responseElements\":{\"gatehouseOmitted\":\"responseElements left out:", "...(shortened)")
                .doesNotContain("aaaaaaaaaa").doesNotContain("kept out too");
        // Still the canonical form the relay hashes without parsing.
        assertThat(new String(Chain.canonical(Chain.parse(payload)), StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    @Test
    void multiByteTextIsMeasuredInBytes() {
        // 100,000 three-byte characters: under the limit in chars, over it in UTF-8 bytes.
        AuditEvent event = refused().requestParameters(Map.of("userName", "€".repeat(100_000))).build();

        String payload = OutboxAuditLog.bounded(event);

        assertThat(payload).contains("gatehouseOmitted").doesNotContain("€€€");
    }
}
