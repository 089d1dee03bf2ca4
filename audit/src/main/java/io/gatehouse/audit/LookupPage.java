package io.gatehouse.audit;

import java.time.Instant;
import java.util.List;

/**
 * One page of {@link EventHistory#lookup}.
 *
 * @param events the events, newest first
 * @param nextToken the token for the next page of the same query, or null when this is the last
 */
public record LookupPage(List<LookupPage.Event> events, String nextToken) {

    public LookupPage {
        events = List.copyOf(events);
    }

    /**
     * An event as LookupEvents lists it.
     *
     * @param eventId CloudTrail's eventID
     * @param eventName e.g. {@code CreateUser}
     * @param readOnly whether the call changed nothing
     * @param accessKeyId the key that signed the call, or null
     * @param eventTime when it happened
     * @param eventSource e.g. {@code iam.amazonaws.com}
     * @param username the user name LookupEvents' Username attribute matches, or null
     * @param resources the resources the call touched
     * @param cloudTrailEvent the whole CloudTrail record, as JSON text (already without secrets)
     */
    public record Event(String eventId, String eventName, boolean readOnly, String accessKeyId, Instant eventTime,
            String eventSource, String username, List<Resource> resources, String cloudTrailEvent) {

        public Event {
            resources = List.copyOf(resources);
        }
    }

    /**
     * A resource of an event, as LookupEvents lists it.
     *
     * @param type e.g. {@code AWS::IAM::User}
     * @param name the resource's name (the last part of its ARN, e.g. the user name), or the
     *     identifier the event recorded when that is not an ARN
     */
    public record Resource(String type, String name) {}
}
