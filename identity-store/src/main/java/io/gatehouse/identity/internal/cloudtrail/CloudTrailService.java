package io.gatehouse.identity.internal.cloudtrail;

import io.gatehouse.identity.JsonCall;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.JsonService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * CloudTrail (JSON 1.1, API version 2013-11-01) behind the front door: LookupEvents, reading the
 * audit module's event history of the caller's account. Trails, event data stores and the rest of
 * CloudTrail are not served (UnknownOperationException).
 */
@ApplicationScoped
public class CloudTrailService implements JsonService {
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

    @Inject
    LookupEventsAction lookupEvents;

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String signingName() {
        return "cloudtrail";
    }

    @Override
    public String eventSource() {
        return "cloudtrail.amazonaws.com";
    }

    @Override
    public boolean handles(String operation) {
        return "LookupEvents".equals(operation);
    }

    @Override
    public JsonReply handle(JsonCall call) {
        return lookupEvents.handle(call);
    }
}
