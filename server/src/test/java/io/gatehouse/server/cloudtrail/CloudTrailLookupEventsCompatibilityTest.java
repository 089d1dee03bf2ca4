package io.gatehouse.server.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * CloudTrail's LookupEvents through the unmodified AWS SDK for Java v2 CloudTrail client: IAM
 * calls found by each lookup attribute and by time, pages with MaxResults and NextToken, the
 * service model's refusals, authorization by cloudtrail:LookupEvents, and one account's events only.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class CloudTrailLookupEventsCompatibilityTest {
    private static final String GET_USER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";

    private final IamClient iam = Iam.admin();
    private final CloudTrailClient cloudTrail = CloudTrail.admin();

    @Inject
    AuditLog auditLog;

    private static LookupAttribute attribute(LookupAttributeKey key, String value) {
        return LookupAttribute.builder().attributeKey(key).attributeValue(value).build();
    }

    private List<Event> lookup(LookupAttributeKey key, String value) {
        return cloudTrail.lookupEvents(r -> r.lookupAttributes(attribute(key, value))).events();
    }

    /** A user whose own key may call iam:GetUser, which it does {@code calls} times. */
    private Iam.Principal userWhoCalls(String prefix, int calls) {
        Iam.Principal user = Iam.newUser(iam, prefix);
        iam.putUserPolicy(r -> r.userName(user.user().userName()).policyName("get-user").policyDocument(GET_USER));
        for (int i = 0; i < calls; i++) {
            user.client().getUser();
        }
        return user;
    }

    @Test
    void aCreateUserIsFoundByEachAttributeWithCloudTrailsFields() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String name = Iam.name("looked-up");
        iam.createUser(r -> r.userName(name));
        Instant after = Instant.now().plusSeconds(1);

        List<Event> byName = lookup(LookupAttributeKey.EVENT_NAME, "CreateUser").stream()
                .filter(e -> e.cloudTrailEvent().contains("\"userName\":\"" + name + "\"")).toList();
        assertThat(byName).hasSize(1);
        Event event = byName.get(0);
        assertThat(event.eventName()).isEqualTo("CreateUser");
        assertThat(event.eventSource()).isEqualTo("iam.amazonaws.com");
        assertThat(event.readOnly()).isEqualTo("false");
        assertThat(event.accessKeyId()).isEqualTo(IamApiProfile.ADMIN_KEY_ID);
        assertThat(event.username()).isEqualTo("admin");
        assertThat(event.eventTime()).isBetween(before, after);
        assertThat(event.resources()).extracting(Resource::resourceType, Resource::resourceName)
                .contains(org.assertj.core.groups.Tuple.tuple("AWS::IAM::User", name));
        assertThat(event.cloudTrailEvent()).contains("\"eventID\":\"" + event.eventId() + "\"",
                "\"eventName\":\"CreateUser\"");

        assertThat(lookup(LookupAttributeKey.EVENT_ID, event.eventId())).containsExactly(event);
        assertThat(lookup(LookupAttributeKey.RESOURCE_NAME, name)).contains(event);
        assertThat(lookup(LookupAttributeKey.RESOURCE_TYPE, "AWS::IAM::User")).contains(event);
        assertThat(lookup(LookupAttributeKey.USERNAME, "admin")).contains(event);
        assertThat(lookup(LookupAttributeKey.ACCESS_KEY_ID, IamApiProfile.ADMIN_KEY_ID)).contains(event);
        assertThat(lookup(LookupAttributeKey.EVENT_SOURCE, "iam.amazonaws.com")).contains(event)
                .allSatisfy(e -> assertThat(e.eventSource()).isEqualTo("iam.amazonaws.com"));
        assertThat(lookup(LookupAttributeKey.READ_ONLY, "false")).contains(event)
                .allSatisfy(e -> assertThat(e.readOnly()).isEqualTo("false"));
        assertThat(lookup(LookupAttributeKey.READ_ONLY, "true")).doesNotContain(event)
                .allSatisfy(e -> assertThat(e.readOnly()).isEqualTo("true"));
        assertThat(lookup(LookupAttributeKey.EVENT_SOURCE, "sts.amazonaws.com")).doesNotContain(event);
    }

    @Test
    void aUsersOwnCallsAreFoundByItsNameAndKey() {
        Iam.Principal user = userWhoCalls("caller", 2);
        String userName = user.user().userName();
        List<Event> byUser = lookup(LookupAttributeKey.USERNAME, userName);
        assertThat(byUser).hasSize(2).allSatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("GetUser");
            assertThat(e.readOnly()).isEqualTo("true");
            assertThat(e.username()).isEqualTo(userName);
            assertThat(e.accessKeyId()).isEqualTo(user.key().accessKeyId());
        });
        assertThat(lookup(LookupAttributeKey.ACCESS_KEY_ID, user.key().accessKeyId())).isEqualTo(byUser);
    }

    @Test
    void aTimeRangeSelectsTheEventsInIt() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Iam.Principal user = userWhoCalls("timed", 1);
        Thread.sleep(1100);
        Instant end = Instant.now();
        String userName = user.user().userName();
        Consumer<LookupEventsRequest.Builder> byUser = r -> r.lookupAttributes(
                attribute(LookupAttributeKey.USERNAME, userName));

        assertThat(cloudTrail.lookupEvents(r -> byUser.andThen(b -> b.startTime(start).endTime(end)).accept(r))
                .events()).hasSize(1);
        assertThat(cloudTrail.lookupEvents(r -> byUser.andThen(b -> b.startTime(end)).accept(r)).events()).isEmpty();
        assertThat(cloudTrail.lookupEvents(r -> byUser.andThen(b -> b.endTime(start.minusSeconds(1))).accept(r))
                .events()).isEmpty();
    }

    @Test
    void pagesWithMaxResultsCoverEveryEventOnceNewestFirst() {
        Iam.Principal user = userWhoCalls("paged", 12);
        LookupAttribute byUser = attribute(LookupAttributeKey.USERNAME, user.user().userName());
        List<Event> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            LookupEventsResponse page = cloudTrail.lookupEvents(r -> r.lookupAttributes(byUser).maxResults(5)
                    .nextToken(next));
            assertThat(page.events()).hasSizeLessThanOrEqualTo(5);
            seen.addAll(page.events());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(12);
        assertThat(new HashSet<>(seen.stream().map(Event::eventId).toList())).hasSize(12);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).eventTime()).isBeforeOrEqualTo(seen.get(i - 1).eventTime());
        }
        // The SDK's own paginator follows the same tokens.
        assertThat(cloudTrail.lookupEventsPaginator(r -> r.lookupAttributes(byUser).maxResults(4)).events())
                .extracting(Event::eventId).containsExactlyElementsOf(seen.stream().map(Event::eventId).toList());
    }

    @Test
    void aTokenThatIsNotThisQuerysIsRefused() {
        userWhoCalls("token", 3);
        String token = cloudTrail.lookupEvents(r -> r.maxResults(1)).nextToken();
        assertThat(token).isNotNull();
        InvalidNextTokenException forged = catchThrowableOfType(InvalidNextTokenException.class,
                () -> cloudTrail.lookupEvents(r -> r.nextToken("bm90LWEtdG9rZW4")));
        assertThat(forged.statusCode()).isEqualTo(400);
        InvalidNextTokenException otherQuery = catchThrowableOfType(InvalidNextTokenException.class,
                () -> cloudTrail.lookupEvents(r -> r.nextToken(token)
                        .lookupAttributes(attribute(LookupAttributeKey.EVENT_NAME, "GetUser"))));
        assertThat(otherQuery.awsErrorDetails().errorCode()).isEqualTo("InvalidNextTokenException");
    }

    @Test
    void invalidRequestsGetTheServiceModelsErrors() {
        InvalidLookupAttributesException two = catchThrowableOfType(InvalidLookupAttributesException.class,
                () -> cloudTrail.lookupEvents(r -> r.lookupAttributes(
                        attribute(LookupAttributeKey.EVENT_NAME, "CreateUser"),
                        attribute(LookupAttributeKey.USERNAME, "admin"))));
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.awsErrorDetails().errorMessage()).contains("more than one lookup attribute");
        assertThat(catchThrowableOfType(InvalidLookupAttributesException.class, () -> lookup(
                LookupAttributeKey.READ_ONLY, "maybe"))).isNotNull();
        InvalidMaxResultsException max = catchThrowableOfType(InvalidMaxResultsException.class,
                () -> cloudTrail.lookupEvents(r -> r.maxResults(51)));
        assertThat(max.statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(InvalidMaxResultsException.class,
                () -> cloudTrail.lookupEvents(r -> r.maxResults(0)))).isNotNull();
        Instant now = Instant.now();
        InvalidTimeRangeException range = catchThrowableOfType(InvalidTimeRangeException.class,
                () -> cloudTrail.lookupEvents(r -> r.startTime(now).endTime(now.minusSeconds(60))));
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(cloudTrail.lookupEvents(r -> r.maxResults(50)).events()).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void lookupEventsNeedsCloudtrailLookupEventsWhichReadOnlyAccessGrants() {
        Iam.Principal user = Iam.newUser(iam, "no-trail");
        CloudTrailClient client = CloudTrail.client(user);
        CloudTrailException denied = catchThrowableOfType(CloudTrailException.class, client::lookupEvents);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.awsErrorDetails().errorMessage()).contains(user.user().arn(), "cloudtrail:LookupEvents");

        iam.attachUserPolicy(r -> r.userName(user.user().userName())
                .policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(client.lookupEvents(r -> r.lookupAttributes(attribute(LookupAttributeKey.EVENT_NAME,
                "AttachUserPolicy"))).events()).isNotEmpty();

        // Both calls are in the trail as read-only CloudTrail events, the refusal with its error.
        List<Event> own = lookup(LookupAttributeKey.USERNAME, user.user().userName());
        assertThat(own).extracting(Event::eventName).containsExactly("LookupEvents", "LookupEvents");
        assertThat(own).allSatisfy(e -> {
            assertThat(e.eventSource()).isEqualTo("cloudtrail.amazonaws.com");
            assertThat(e.readOnly()).isEqualTo("true");
        });
        assertThat(own.get(0).cloudTrailEvent()).doesNotContain("errorCode").contains(
                "\"lookupAttributes\":[{\"attributeKey\":\"EventName\",\"attributeValue\":\"AttachUserPolicy\"}]");
        assertThat(own.get(1).cloudTrailEvent()).contains("\"errorCode\":\"AccessDenied\"");
    }

    @Test
    void anotherAccountsEventsAreInvisible() {
        String marker = Iam.name("Foreign").replace("-", "");
        String account = cloudTrail.lookupEvents(r -> r.maxResults(1)).events().stream().findFirst()
                .map(e -> e.cloudTrailEvent().replaceAll(".*\"recipientAccountId\":\"(\\d{12})\".*", "$1"))
                .orElseThrow();
        String other = account.equals("999999999999") ? "999999999998" : "999999999999";
        QuarkusTransaction.requiringNew().run(() -> auditLog.record(AuditEvent.builder()
                .userIdentity(UserIdentity.builder(UserIdentity.Type.IAM_USER).accountId(other).userName("admin")
                        .arn("arn:aws:iam::" + other + ":user/admin").accessKeyId(IamApiProfile.ADMIN_KEY_ID).build())
                .eventTime(Instant.now()).eventSource("iam.amazonaws.com").eventName(marker).awsRegion("us-east-1")
                .recipientAccountId(other).build()));
        assertThat(lookup(LookupAttributeKey.EVENT_NAME, marker)).isEmpty();
        assertThat(lookup(LookupAttributeKey.ACCESS_KEY_ID, IamApiProfile.ADMIN_KEY_ID))
                .noneMatch(e -> e.eventName().equals(marker));
    }
}
