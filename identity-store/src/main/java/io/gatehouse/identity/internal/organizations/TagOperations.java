package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.iam.Guard;
import io.gatehouse.identity.internal.iam.Tags;
import io.gatehouse.identity.internal.organizations.OrganizationsService.OrgCall;
import io.gatehouse.identity.persistence.OrgPolicyEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource on accounts, OUs, the root and policies. */
@ApplicationScoped
public class TagOperations {
    /** The resource's ARN and audit type, or TargetNotFoundException. */
    private record Resource(String id, String arn, String type) {}

    private static Resource resource(OrgCall call, Map<String, String> requestTags) {
        return resource(call, requestTags, List.of());
    }

    /** @param removedKeys the keys UntagResource removes, for aws:TagKeys */
    private static Resource resource(OrgCall call, Map<String, String> requestTags, List<String> removedKeys) {
        String id = OrgInput.required(call.in(), "ResourceId", 1, 130, OrgInput.TAGGABLE_ID);
        Resource found = null;
        if (id.startsWith("p-")) {
            OrgPolicyEntity policy = OrgPolicyEntity.findById(id);
            if (policy != null) {
                found = new Resource(id, Organizations.policyArn(call.org(), policy), PolicyOperations.TYPE);
            }
        } else if (OrgTree.targetExists(id)) {
            found = new Resource(id, PolicyOperations.targetArn(call.org(), id), id.matches("\\d{12}")
                    ? AccountOperations.TYPE : UnitOperations.TYPE);
        }
        if (found == null) {
            call.authorizeOrganization();
            throw OrgInput.error("TargetNotFoundException", "We can't find a root, OU, account, or policy with the"
                    + " TargetId that you specified.");
        }
        Map<String, List<String>> context = Guard.tagContext(requestTags, Tags.of(id));
        if (!removedKeys.isEmpty()) {
            context.put("aws:TagKeys", List.copyOf(removedKeys));
        }
        call.authorize(found.arn(), context);
        return found;
    }

    JsonReply tag(OrgCall call) {
        if (call.in().get("Tags") == null || call.in().get("Tags").isNull()) {
            throw OrgInput.invalid("INPUT_REQUIRED", "You must specify a value for the Tags parameter.");
        }
        Map<String, String> tags = OrgInput.tags(call.in());
        Resource resource = resource(call, tags);
        OrgTags.put(resource.id(), tags);
        return call.changed(OrgWire.object(), resource.type(), resource.arn());
    }

    JsonReply untag(OrgCall call) {
        JsonNode keys = call.in().get("TagKeys");
        if (keys == null || keys.isNull()) {
            throw OrgInput.invalid("INPUT_REQUIRED", "You must specify a value for the TagKeys parameter.");
        }
        if (!keys.isArray()) {
            throw new AwsException("SerializationException", 400, "TagKeys must be a list");
        }
        List<String> removed = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isTextual()) {
                throw new AwsException("SerializationException", 400, "TagKeys must hold strings");
            }
            OrgInput.check(key.asText(), "TagKeys", 1, 128, null);
            removed.add(key.asText());
        }
        Resource resource = resource(call, null, removed);
        Tags.remove(resource.id(), removed);
        return call.changed(OrgWire.object(), resource.type(), resource.arn());
    }

    JsonReply list(OrgCall call) {
        Resource resource = resource(call, null);
        List<Map.Entry<String, String>> tags = new ArrayList<>(Tags.of(resource.id()).entrySet());
        OrgPages.Page<Map.Entry<String, String>> page = OrgPages.page(call.in(), "tag", tags,
                e -> e.getKey().toLowerCase(java.util.Locale.ROOT));
        ObjectNode out = OrgWire.object();
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        page.items().forEach(e -> shown.put(e.getKey(), e.getValue()));
        out.set("Tags", OrgWire.tags(shown));
        return JsonReply.read(AccountOperations.next(out, page));
    }
}
