package io.gatehouse.identity;

import java.util.List;
import java.util.Map;

/**
 * A successful answer and what its audit record says about it.
 *
 * @param resultXml the content of the {@code <ActionResult>} element, or null when the action
 *     returns nothing
 * @param readOnly whether the action changed nothing (CloudTrail's readOnly)
 * @param responseElements what the audit record shows of the answer (never secrets), or null
 * @param resources the resources the call touched, for the audit record
 */
public record AwsReply(String resultXml, boolean readOnly, Map<String, Object> responseElements,
        List<AwsReply.Resource> resources) {

    public AwsReply {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** A resource the call touched, as CloudTrail lists it ({@code AWS::IAM::User}, its ARN). */
    public record Resource(String type, String arn, String accountId) {}

    /** A read-only answer with a result and no resources of note. */
    public static AwsReply read(String resultXml) {
        return new AwsReply(resultXml, true, null, List.of());
    }
}
