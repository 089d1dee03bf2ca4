package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Authorizes IAM operations: every one names its action and resource before it reads or writes. */
@ApplicationScoped
public class Guard {
    @Inject
    Authorizer authorizer;

    /** The caller, once allowed to perform {@code action} on {@code resourceArn}. */
    public Caller require(AwsCall call, String action, String resourceArn) {
        return require(call, action, resourceArn, Map.of());
    }

    public Caller require(AwsCall call, String action, String resourceArn, Map<String, List<String>> context) {
        Caller caller = call.caller();
        if (caller == null) {
            throw AwsException.missingAuthenticationToken();
        }
        authorizer.require(caller, call.request(), action, resourceArn, null, context);
        return caller;
    }

    /** The caller's account; the IAM API always works in it. */
    public static String account(AwsCall call) {
        if (call.caller() == null) {
            throw AwsException.missingAuthenticationToken();
        }
        return call.caller().accountId();
    }

    /** The context of a Create call: the tags it sets and the permissions boundary it names. */
    public static Map<String, List<String>> creationContext(Map<String, String> tags, String boundaryArn) {
        Map<String, List<String>> context = tagContext(tags, null);
        if (boundaryArn != null) {
            context.put("iam:PermissionsBoundary", List.of(boundaryArn));
        }
        return context;
    }

    /** aws:RequestTag/* and aws:TagKeys for tags a request sets; aws:ResourceTag/* for existing ones. */
    public static Map<String, List<String>> tagContext(Map<String, String> requestTags, Map<String, String> resourceTags) {
        Map<String, List<String>> context = new HashMap<>();
        if (requestTags != null && !requestTags.isEmpty()) {
            requestTags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
            context.put("aws:TagKeys", new ArrayList<>(requestTags.keySet()));
        }
        if (resourceTags != null) {
            resourceTags.forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
        }
        return context;
    }
}
