package io.gatehouse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test events modelled on the examples in CloudTrail's documentation. */
public final class Events {

    public static final Instant TIME = Instant.parse("2026-11-23T08:00:00Z");

    private Events() {
    }

    /** An IAM user, signed with a long-term key, in a console session without MFA. */
    public static UserIdentity maryMajor() {
        return UserIdentity.builder(UserIdentity.Type.IAM_USER)
                .principalId("EXAMPLE6E4XEGITWATV6R")
                .arn("arn:aws:iam::123456789012:user/Mary_Major")
                .accountId("123456789012")
                .accessKeyId("AKIAIOSFODNN7EXAMPLE")
                .userName("Mary_Major")
                .sessionContext(new UserIdentity.SessionContext(null,
                        new UserIdentity.SessionAttributes(Instant.parse("2023-07-19T21:11:57Z"), false), null))
                .build();
    }

    /** A role session: sessionIssuer, source identity, MFA. */
    public static UserIdentity assumedRole() {
        return UserIdentity.builder(UserIdentity.Type.ASSUMED_ROLE)
                .principalId("AROAIDPPEZS35WEXAMPLE:AssumedRoleSessionName")
                .arn("arn:aws:sts::123456789012:assumed-role/RoleToBeAssumed/MySessionName")
                .accountId("123456789012")
                .accessKeyId("ASIAIOSFODNN7EXAMPLE")
                .sessionContext(new UserIdentity.SessionContext(
                        new UserIdentity.SessionIssuer("Role", "AROAIDPPEZS35WEXAMPLE",
                                "arn:aws:iam::123456789012:role/RoleToBeAssumed", "123456789012", "RoleToBeAssumed"),
                        new UserIdentity.SessionAttributes(Instant.parse("2026-11-23T07:55:00Z"), true),
                        "Admin"))
                .build();
    }

    /** CloudTrail's documented StartLogging example, as an event of this model. */
    public static AuditEvent.Builder startLogging() {
        return AuditEvent.builder()
                .userIdentity(maryMajor())
                .eventTime(Instant.parse("2023-07-19T21:33:41Z"))
                .eventSource("cloudtrail.amazonaws.com")
                .eventName("StartLogging")
                .awsRegion("us-east-1")
                .sourceIPAddress("192.0.2.0")
                .userAgent("aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255-314-253.539.amzn2.x86_64"
                        + " exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/cloudtrail.start-logging")
                .requestParameters(Map.of("name", "myTrail"))
                .requestID("9d478fc1-4f10-490f-a26b-EXAMPLE0e932")
                .eventID("eae87c48-d421-4626-94f5-0000ac994aaa")
                .readOnly(false)
                .eventType(AuditEvent.EventType.AWS_API_CALL)
                .managementEvent(true)
                .recipientAccountId("123456789012")
                .eventCategory(AuditEvent.Category.MANAGEMENT)
                .sessionCredentialFromConsole(true);
    }

    /** An IAM CreateUser call by a role session, with resources. */
    public static AuditEvent.Builder createUser() {
        return AuditEvent.builder()
                .userIdentity(assumedRole())
                .eventTime(TIME)
                .eventSource("iam.amazonaws.com")
                .eventName("CreateUser")
                .awsRegion("us-east-1")
                .sourceIPAddress("198.51.100.7")
                .userAgent("aws-sdk-java/2.57.8")
                .requestParameters(Map.of("userName", "bob", "path", "/"))
                .responseElements(Map.of("user", Map.of("userName", "bob", "userId", "AIDAEXAMPLEBOB",
                        "arn", "arn:aws:iam::123456789012:user/bob", "createDate", "Nov 23, 2026, 8:00:00 AM")))
                .requestID("0ecc4a31-1e0c-4b1c-9a55-000000000001")
                .recipientAccountId("123456789012")
                .resources(List.of(new AuditEvent.Resource("AWS::IAM::User",
                        "arn:aws:iam::123456789012:user/bob", "123456789012")));
    }
}
