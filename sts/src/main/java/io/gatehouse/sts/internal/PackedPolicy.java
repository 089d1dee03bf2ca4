package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsException;
import java.util.List;
import java.util.Map;

/**
 * PackedPolicySize: how much of the room a session's inline policy and tags take, in percent.
 * AWS packs both into a compressed binary form whose limit it does not publish; Gatehouse counts
 * the policy's characters outside white space, the managed policy ARNs (PolicyArns), and every tag's key and value against a budget of
 * {@value #BUDGET} characters (a full 2,048-character session policy plus as much again for tags),
 * and refuses beyond 100 % with PackedPolicyTooLarge as AWS does.
 */
final class PackedPolicy {
    static final int BUDGET = 4_096;

    private PackedPolicy() {}

    /** The size in percent; null when there is neither a policy nor a tag (AWS then omits it). */
    static Integer percent(String policy, List<String> policyArns, Map<String, String> tags) {
        if (policy == null && policyArns.isEmpty() && tags.isEmpty()) {
            return null;
        }
        long size = 0;
        if (policy != null) {
            size += policy.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        }
        for (String arn : policyArns) {
            size += arn.length();
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            size += tag.getKey().length() + tag.getValue().length();
        }
        int percent = (int) Math.max(1, (size * 100 + BUDGET - 1) / BUDGET);
        if (percent > 100) {
            throw new AwsException("PackedPolicyTooLarge", 400, "Packed size of session policy and session tags "
                    + "consumes " + percent + "% of allotted space, please use smaller policy or tags.");
        }
        return percent;
    }
}
