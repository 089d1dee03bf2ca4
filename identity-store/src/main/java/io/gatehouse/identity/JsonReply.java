package io.gatehouse.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A successful JSON 1.1 answer and what its audit record says about it.
 *
 * @param output the response body, a JSON object
 * @param readOnly whether the operation changed nothing (CloudTrail's readOnly)
 * @param responseElements what the audit record shows of the answer (never secrets), or null
 * @param resources the resources the call touched, for the audit record
 */
public record JsonReply(ObjectNode output, boolean readOnly, Map<String, Object> responseElements,
        List<AwsReply.Resource> resources) {

    public JsonReply {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** A read-only answer whose audit record shows no response and no resources. */
    public static JsonReply read(ObjectNode output) {
        return new JsonReply(output, true, null, List.of());
    }
}
