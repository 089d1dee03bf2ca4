package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.iam.Tags;
import io.gatehouse.identity.internal.sso.SsoAdminService.SsoCall;
import io.gatehouse.identity.persistence.AccountAssignmentEntity;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.ProvisionedPermissionSetEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CreatePermissionSet, DescribePermissionSet, ListPermissionSets, UpdatePermissionSet,
 * DeletePermissionSet and the tag operations on permission sets. Names are unique in the instance
 * regardless of case (ConflictException); a provisioned or assigned permission set cannot be
 * deleted (ConflictException, as AWS).
 */
@ApplicationScoped
public class PermissionSetOperations {
    static final Duration MIN_SESSION = Duration.ofHours(1);
    static final Duration MAX_SESSION = Duration.ofHours(12);
    static final int MAX_TAGS = 50;

    @Inject
    Clock clock;

    JsonReply create(SsoCall call) {
        JsonNode in = call.in();
        String name = SsoInput.requiredChecked(in, "Name", 1, 32, SsoInput.NAME);
        String description = SsoInput.checked(in, "Description", 1, 700, SsoInput.DESCRIPTION);
        String duration = SsoInput.checked(in, "SessionDuration", 1, 100, SsoInput.DURATION);
        String relayState = SsoInput.checked(in, "RelayState", 1, 240, SsoInput.RELAY_STATE);
        Map<String, String> tags = SsoInput.tags(in, "Tags", 0);
        Map<String, List<String>> context = requestTagContext(tags);
        call.authorize(call.instance().arn(), context);
        PermissionSetEntity ps = new PermissionSetEntity();
        ps.id = "ps-" + SsoInstances.hex16();
        ps.instanceId = call.instance().id();
        call.authorize(ps.arn(), context);
        ps.name = name;
        ps.nameLower = name.toLowerCase(Locale.ROOT);
        if (PermissionSetEntity.count("instanceId = ?1 and nameLower = ?2", ps.instanceId, ps.nameLower) > 0) {
            throw SsoInput.conflict("PermissionSet with name " + name + " already exists.");
        }
        ps.description = description;
        ps.sessionDuration = duration == null ? "PT1H" : duration;
        ps.sessionSeconds = seconds(ps.sessionDuration);
        ps.relayState = relayState;
        ps.version = 1;
        ps.createdAt = clock.instant();
        ps.persist();
        Tags.put(ps.id, tags);
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        write(out.putObject("PermissionSet"), ps);
        return call.changed(out, call.instance().arn(), ps.arn());
    }

    /** The permission set a call names (PermissionSetArn), once the caller may act on it. */
    static PermissionSetEntity target(SsoCall call) {
        return target(call, SsoInput.requiredChecked(call.in(), "PermissionSetArn", 10, 1224,
                SsoInput.PERMISSION_SET_ARN));
    }

    /** Authorizes on the instance, then the permission set (its tags as aws:ResourceTag/*), and finds it. */
    static PermissionSetEntity target(SsoCall call, String arn) {
        call.authorizeInstance();
        PermissionSetEntity ps = find(call, arn);
        call.authorize(arn, resourceTagContext(ps == null ? Map.of() : Tags.of(ps.id)));
        if (ps == null) {
            throw SsoInput.notFound("Could not find PermissionSet with PermissionSetArn " + arn + ".");
        }
        return ps;
    }

    /** The permission set with this ARN in the instance, or null. */
    static PermissionSetEntity find(SsoCall call, String arn) {
        String prefix = "arn:aws:sso:::permissionSet/" + call.instance().id() + "/";
        if (!arn.startsWith(prefix)) {
            return null;
        }
        PermissionSetEntity ps = PermissionSetEntity.findById(arn.substring(prefix.length()));
        return ps != null && ps.instanceId.equals(call.instance().id()) ? ps : null;
    }

    JsonReply describe(SsoCall call) {
        PermissionSetEntity ps = target(call);
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        write(out.putObject("PermissionSet"), ps);
        return JsonReply.read(out);
    }

    JsonReply list(SsoCall call) {
        int max = SsoInput.maxResults(call.in(), 100);
        String after = SsoInput.after(call.in(), "ps");
        call.authorizeInstance();
        List<PermissionSetEntity> page = PermissionSetEntity.<PermissionSetEntity>find(
                "instanceId = ?1 and id > ?2 order by id", call.instance().id(), after).page(0, max + 1).list();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode arns = out.putArray("PermissionSets");
        page.stream().limit(max).forEach(ps -> arns.add(ps.arn()));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token("ps", page.get(max - 1).id));
        }
        return JsonReply.read(out);
    }

    /** Description, RelayState and SessionDuration; a new session duration needs provisioning. */
    JsonReply update(SsoCall call) {
        JsonNode in = call.in();
        String description = SsoInput.checked(in, "Description", 1, 700, SsoInput.DESCRIPTION);
        String duration = SsoInput.checked(in, "SessionDuration", 1, 100, SsoInput.DURATION);
        String relayState = SsoInput.checked(in, "RelayState", 1, 240, SsoInput.RELAY_STATE);
        int seconds = duration == null ? 0 : seconds(duration);
        PermissionSetEntity ps = lockedTarget(call);
        if (description != null) {
            ps.description = description;
        }
        if (relayState != null) {
            ps.relayState = relayState;
        }
        if (duration != null && seconds != ps.sessionSeconds) {
            ps.sessionDuration = duration;
            ps.sessionSeconds = seconds;
            ps.version++;
        } else if (duration != null) {
            ps.sessionDuration = duration;
        }
        return call.changed(SsoAdminService.MAPPER.createObjectNode(), ps.arn());
    }

    /** The target, its row locked: concurrent changes of one permission set queue. */
    static PermissionSetEntity lockedTarget(SsoCall call) {
        return lock(target(call));
    }

    /** Locks the permission set's row: changes and provisionings of one permission set queue. */
    static PermissionSetEntity lock(PermissionSetEntity ps) {
        PermissionSetEntity.getEntityManager().refresh(ps, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return ps;
    }

    JsonReply delete(SsoCall call) {
        PermissionSetEntity ps = lockedTarget(call);
        if (ProvisionedPermissionSetEntity.count("permissionSetId", ps.id) > 0
                || AccountAssignmentEntity.count("permissionSetId", ps.id) > 0) {
            throw SsoInput.conflict("The permission set " + ps.arn() + " is provisioned to or assigned in accounts;"
                    + " delete its account assignments first.");
        }
        Tags.removeAll(ps.id);
        ps.delete();
        return call.changed(SsoAdminService.MAPPER.createObjectNode(), ps.arn());
    }

    JsonReply tag(SsoCall call) {
        String arn = resourceArn(call);
        Map<String, String> tags = SsoInput.tags(call.in(), "Tags", 1);
        PermissionSetEntity ps = taggable(call, arn, requestTagContext(tags));
        Map<String, String> merged = new HashMap<>(Tags.of(ps.id));
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new AwsException("ServiceQuotaExceededException", 402, "A resource can have at most " + MAX_TAGS
                    + " tags.");
        }
        Tags.put(ps.id, tags);
        return call.changed(SsoAdminService.MAPPER.createObjectNode(), ps.arn());
    }

    JsonReply untag(SsoCall call) {
        String arn = resourceArn(call);
        JsonNode keys = SsoInput.list(call.in(), "TagKeys", 1, 50);
        if (keys == null) {
            throw SsoInput.validation("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode key : keys) {
            if (!key.isTextual()) {
                throw SsoInput.serialization("TagKeys members must be strings");
            }
            SsoInput.check(key.asText(), "tagKeys.member", 1, 128, SsoInput.TAG_KEY);
            names.add(key.asText());
        }
        Map<String, List<String>> context = new HashMap<>();
        context.put("aws:TagKeys", new ArrayList<>(names));
        PermissionSetEntity ps = taggable(call, arn, context);
        Tags.remove(ps.id, names);
        return call.changed(SsoAdminService.MAPPER.createObjectNode(), ps.arn());
    }

    JsonReply listTags(SsoCall call) {
        String arn = resourceArn(call);
        String after = SsoInput.after(call.in(), "tag");
        PermissionSetEntity ps = taggable(call, arn, new HashMap<>());
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Tags");
        Tags.of(ps.id).entrySet().stream().filter(e -> e.getKey().compareTo(after) > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> list.addObject().put("Key", e.getKey()).put("Value", e.getValue()));
        return JsonReply.read(out);
    }

    private static String resourceArn(SsoCall call) {
        return SsoInput.requiredChecked(call.in(), "ResourceArn", 10, 2048, null);
    }

    /** The permission set a tag call names; other resource types are not served (ResourceNotFound). */
    private static PermissionSetEntity taggable(SsoCall call, String arn, Map<String, List<String>> context) {
        call.authorizeInstance();
        PermissionSetEntity ps = SsoInput.PERMISSION_SET_ARN.matcher(arn).matches() ? find(call, arn) : null;
        Map<String, List<String>> all = new HashMap<>(context);
        all.putAll(resourceTagContext(ps == null ? Map.of() : Tags.of(ps.id)));
        call.authorize(arn, all);
        if (ps == null) {
            throw SsoInput.notFound("Could not find resource " + arn + ".");
        }
        return ps;
    }

    static void write(ObjectNode out, PermissionSetEntity ps) {
        out.put("Name", ps.name).put("PermissionSetArn", ps.arn());
        if (ps.description != null) {
            out.put("Description", ps.description);
        }
        out.put("CreatedDate", SsoAdminService.epoch(ps.createdAt)).put("SessionDuration", ps.sessionDuration);
        if (ps.relayState != null) {
            out.put("RelayState", ps.relayState);
        }
    }

    /** Seconds of an ISO 8601 duration; outside PT1H..PT12H is ValidationException. */
    static int seconds(String iso) {
        Duration duration;
        try {
            duration = Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw SsoInput.validation("Value '" + iso + "' at 'sessionDuration' failed to satisfy constraint: Member"
                    + " must be an ISO 8601 duration in days, hours, minutes or seconds");
        }
        if (duration.compareTo(MIN_SESSION) < 0 || duration.compareTo(MAX_SESSION) > 0) {
            throw new AwsException("ValidationException", 400, "The session duration must be between 1 and 12 hours"
                    + " (PT1H to PT12H).");
        }
        return (int) duration.getSeconds();
    }

    static Map<String, List<String>> requestTagContext(Map<String, String> tags) {
        Map<String, List<String>> context = new HashMap<>();
        if (!tags.isEmpty()) {
            tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
            context.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
        }
        return context;
    }

    static Map<String, List<String>> resourceTagContext(Map<String, String> tags) {
        Map<String, List<String>> context = new HashMap<>();
        tags.forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
        return context;
    }
}
