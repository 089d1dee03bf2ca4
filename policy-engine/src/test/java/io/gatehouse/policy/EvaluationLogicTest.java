package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.ACCOUNT;
import static io.gatehouse.policy.Fixtures.ACTION;
import static io.gatehouse.policy.Fixtures.ALICE;
import static io.gatehouse.policy.Fixtures.OTHER_ACCOUNT;
import static io.gatehouse.policy.Fixtures.OTHER_ROOT;
import static io.gatehouse.policy.Fixtures.OTHER_USER;
import static io.gatehouse.policy.Fixtures.RESOURCE;
import static io.gatehouse.policy.Fixtures.ROLE_ARN;
import static io.gatehouse.policy.Fixtures.ROLE_SESSION;
import static io.gatehouse.policy.Fixtures.ROOT;
import static io.gatehouse.policy.Fixtures.SESSION_ARN;
import static io.gatehouse.policy.Fixtures.array;
import static io.gatehouse.policy.Fixtures.compile;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.identity;
import static io.gatehouse.policy.Fixtures.q;
import static io.gatehouse.policy.Fixtures.sidStmt;
import static io.gatehouse.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic", "Cross-account policy
 * evaluation logic", "Permissions boundaries for IAM entities", "Session policies").
 */
class EvaluationLogicTest {

    private static final Policy ALLOW_ALL_IDENTITY = identity(stmt("Allow", "*", "*"));
    private static final Policy ALLOW_S3_IDENTITY = identity(stmt("Allow", "s3:*", "*"));

    private static Policy boundary(String statement) {
        return compile(doc(statement), PolicyKind.BOUNDARY);
    }

    private static Policy session(String statement) {
        return compile(doc(statement), PolicyKind.SESSION);
    }

    private static Policy scp(String statement) {
        return compile(doc(statement), PolicyKind.SCP);
    }

    private static Policy scpAllowAll() {
        return scp(q("{'Effect':'Allow','Action':'*','Resource':'*'}"));
    }

    /** A resource policy granting (or denying) ACTION on RESOURCE to an AWS principal value. */
    private static Policy resource(String effect, String awsPrincipal) {
        return compile(doc(q("{'Sid':'Grant','Effect':'" + effect + "','Principal':{'AWS':'" + awsPrincipal
                + "'},'Action':'" + ACTION + "','Resource':'" + RESOURCE + "'}")), PolicyKind.RESOURCE);
    }

    private static Decision decide(PolicySet set, Principal who) {
        return Fixtures.evaluate(set, new Request(who, ACTION, RESOURCE, null, RequestContext.empty()));
    }

    private static Decision decideCross(PolicySet set, Principal who) {
        return Fixtures.evaluate(set, new Request(who, ACTION, RESOURCE, ACCOUNT, RequestContext.empty()));
    }

    // ---------------------------------------------------------------- explicit deny

    @Test
    void denyInIdentityPolicyBeatsAllowInAnotherIdentityPolicy() {
        PolicySet set = PolicySet.builder().identity(ALLOW_ALL_IDENTITY)
                .identity(identity(sidStmt("NoS3", "Deny", "s3:*", "*"))).build();
        Decision d = decide(set, ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(d.allowed()).isFalse();
        assertThat(d.matched()).containsExactly(
                new MatchedStatement("identity[1]", PolicyType.IDENTITY, 0, "NoS3", Effect.DENY));
        assertThat(d.reason()).contains("explicit deny").contains("identity[1]").contains("NoS3");
    }

    @Test
    void denyInEveryPolicyTypeBeatsAllowsEverywhere() {
        String deny = q("{'Sid':'Stop','Effect':'Deny','Action':'s3:GetObject','Resource':'*'}");
        Policy resourceAllow = resource("Allow", ALICE.arn());
        Policy resourceDeny = compile(doc(q("{'Sid':'Stop','Effect':'Deny','Principal':'*','Action':'s3:GetObject',"
                + "'Resource':'*'}")), PolicyKind.RESOURCE);
        Policy boundaryAllow = boundary(stmt("Allow", "*", "*"));
        Policy sessionAllow = session(stmt("Allow", "*", "*"));

        record Case(String label, PolicySet set) {}
        List<Case> cases = List.of(
                new Case("identity[0]", PolicySet.builder().identity(identity(array(stmt("Allow", "*", "*"), deny)))
                        .resource(resourceAllow).build()),
                new Case("resource", PolicySet.builder().identity(ALLOW_ALL_IDENTITY).resource(resourceDeny).build()),
                new Case("boundary", PolicySet.builder().identity(ALLOW_ALL_IDENTITY).resource(resourceAllow)
                        .boundary(boundary(array(stmt("Allow", "*", "*"), deny))).build()),
                new Case("session[0]", PolicySet.builder().identity(ALLOW_ALL_IDENTITY).resource(resourceAllow)
                        .session(List.of(session(array(stmt("Allow", "*", "*"), deny)))).build()),
                new Case("scp[0][0]", PolicySet.builder().identity(ALLOW_ALL_IDENTITY).resource(resourceAllow)
                        .boundary(boundaryAllow).session(List.of(sessionAllow))
                        .scpLevel(List.of(scp(array(stmt("Allow", "*", "*"), deny)))).build()));
        for (Case c : cases) {
            Decision d = decide(c.set(), ALICE);
            assertThat(d.outcome()).as(c.label()).isEqualTo(Outcome.EXPLICIT_DENY);
            assertThat(d.matched()).as(c.label()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.effect()).isEqualTo(Effect.DENY));
            assertThat(d.matched().get(0).policy()).as(c.label()).isEqualTo(c.label());
            assertThat(d.reason()).as(c.label()).contains(c.label());
        }
    }

    @Test
    void denyBeatsRootUser() {
        PolicySet set = PolicySet.builder().resource(resource("Deny", ROOT.arn())).build();
        assertThat(decide(set, ROOT).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        PolicySet scpDeny = PolicySet.builder().scpLevel(List.of(scp(array(stmt("Allow", "*", "*"),
                stmt("Deny", "s3:*", "*"))))).build();
        assertThat(decide(scpDeny, ROOT).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void denyWhoseConditionFailsDoesNotApply() {
        PolicySet set = PolicySet.builder().identity(identity(array(stmt("Allow", "*", "*"),
                q("{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}"))))
                .build();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, ACTION, RESOURCE, null,
                Fixtures.ctx("aws:SecureTransport", "true"))).allowed()).isTrue();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, ACTION, RESOURCE, null,
                Fixtures.ctx("aws:SecureTransport", "false"))).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void nothingAtAllIsAnImplicitDeny() {
        Decision d = decide(PolicySet.builder().build(), ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(d.matched()).isEmpty();
        assertThat(d.reason()).isNotBlank().contains("identity-based");
    }

    @Test
    void actionsMatchCaseInsensitivelyResourcesCaseSensitively() {
        PolicySet set = PolicySet.builder().identity(identity(stmt("Allow", "S3:getobject", "arn:aws:s3:::Bucket/*")))
                .build();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, "s3:GetObject", "arn:aws:s3:::Bucket/k", null, null))
                .allowed()).isTrue();
        assertThat(Fixtures.evaluate(set, new Request(ALICE, "s3:GetObject", "arn:aws:s3:::bucket/k", null, null))
                .allowed()).isFalse();
    }

    // ---------------------------------------------------------------- SCPs

    @Test
    void everyScpLevelMustAllow() {
        PolicySet set = PolicySet.builder().identity(ALLOW_ALL_IDENTITY)
                .scpLevel(List.of(scpAllowAll()))
                .scpLevel(List.of(scp(stmt("Allow", "ec2:*", "*"))))
                .build();
        Decision d = decide(set, ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(d.reason()).contains("service control policy").contains("level 1");
    }

    @Test
    void anAllowInAnyDocumentOfALevelIsEnough() {
        PolicySet set = PolicySet.builder().identity(ALLOW_ALL_IDENTITY)
                .scpLevel(List.of(scpAllowAll()))
                .scpLevel(List.of(scp(stmt("Allow", "ec2:*", "*")), scp(sidStmt("S3", "Allow", "s3:*", "*"))))
                .build();
        Decision d = decide(set, ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.matched()).contains(new MatchedStatement("scp[1][1]", PolicyType.SCP, 0, "S3", Effect.ALLOW));
        assertThat(d.matched()).anySatisfy(m -> assertThat(m.policy()).isEqualTo("scp[0][0]"));
    }

    @Test
    void scpAllowDoesNotGrantByItself() {
        PolicySet set = PolicySet.builder().scpLevel(List.of(scpAllowAll())).build();
        assertThat(decide(set, ALICE).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void nullScpMeansNoGuardrails() {
        PolicySet set = new PolicySet(List.of(ALLOW_ALL_IDENTITY), null, null, null, null);
        assertThat(decide(set, ALICE).allowed()).isTrue();
    }

    @Test
    void scpLevelsApplyToTheRootUser() {
        PolicySet set = PolicySet.builder().scpLevel(List.of(scp(stmt("Allow", "ec2:*", "*")))).build();
        assertThat(decide(set, ROOT).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void scpStatementsWithoutResourceApplyToEveryResource() {
        PolicySet set = PolicySet.builder().identity(ALLOW_ALL_IDENTITY)
                .scpLevel(List.of(scp(q("{'Effect':'Allow','Action':'s3:*'}")))).build();
        assertThat(decide(set, ALICE).allowed()).isTrue();
    }

    // ---------------------------------------------------------------- boundary

    @Test
    void boundaryLimitsIdentityAllows() {
        PolicySet set = PolicySet.builder().identity(ALLOW_S3_IDENTITY)
                .boundary(boundary(sidStmt("ReadOnly", "Allow", "s3:Get*", "*"))).build();
        Decision get = decide(set, ALICE);
        assertThat(get.allowed()).isTrue();
        assertThat(get.matched()).contains(
                new MatchedStatement("boundary", PolicyType.BOUNDARY, 0, "ReadOnly", Effect.ALLOW),
                new MatchedStatement("identity[0]", PolicyType.IDENTITY, 0, null, Effect.ALLOW));

        Decision put = Fixtures.evaluate(set, new Request(ALICE, "s3:PutObject", RESOURCE, null, null));
        assertThat(put.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(put.reason()).contains("boundary");
    }

    @Test
    void boundaryAllowDoesNotGrantByItself() {
        PolicySet set = PolicySet.builder().boundary(boundary(stmt("Allow", "*", "*"))).build();
        Decision d = decide(set, ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(d.reason()).contains("identity-based");
    }

    // ---------------------------------------------------------------- session policies

    @Test
    void nullSessionMeansNoSessionGate() {
        PolicySet set = PolicySet.builder().identity(ALLOW_ALL_IDENTITY).build();
        assertThat(set.session()).isNull();
        assertThat(decide(set, ROLE_SESSION).allowed()).isTrue();
    }

    @Test
    void emptySessionListAllowsNothing() {
        PolicySet set = PolicySet.builder().identity(ALLOW_ALL_IDENTITY).session(List.of()).build();
        Decision d = decide(set, ROLE_SESSION);
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(d.reason()).contains("session");
    }

    @Test
    void sessionPoliciesIntersectWithIdentityPolicies() {
        PolicySet set = PolicySet.builder().identity(ALLOW_S3_IDENTITY)
                .session(List.of(session(stmt("Allow", "ec2:*", "*")), session(sidStmt("Read", "Allow", "s3:GetObject", "*"))))
                .build();
        Decision get = decide(set, ROLE_SESSION);
        assertThat(get.allowed()).isTrue();
        assertThat(get.matched()).contains(new MatchedStatement("session[1]", PolicyType.SESSION, 0, "Read", Effect.ALLOW));
        Decision put = Fixtures.evaluate(set, new Request(ROLE_SESSION, "s3:PutObject", RESOURCE, null, null));
        assertThat(put.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(put.reason()).contains("session");
        // a session policy cannot grant more than the identity-based policies
        Decision ec2 = Fixtures.evaluate(set, new Request(ROLE_SESSION, "ec2:RunInstances", "*", null, null));
        assertThat(ec2.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    // ---------------------------------------------------------------- resource-based, same account

    @Test
    void sameAccountResourcePolicyNamingTheUserGrantsAlone() {
        PolicySet set = PolicySet.builder().resource(resource("Allow", ALICE.arn())).build();
        Decision d = decide(set, ALICE);
        assertThat(d.allowed()).isTrue();
        assertThat(d.matched()).contains(new MatchedStatement("resource", PolicyType.RESOURCE, 0, "Grant", Effect.ALLOW));
        assertThat(decide(set, Fixtures.BOB).allowed()).as("another user is not named").isFalse();
    }

    @Test
    void sameAccountUserArnGrantIsNotLimitedByTheBoundary() {
        // Permissions boundaries: resource-based policies that name an IAM user ARN in the same
        // account are not limited by an implicit deny in the boundary.
        PolicySet set = PolicySet.builder().resource(resource("Allow", ALICE.arn()))
                .boundary(boundary(stmt("Allow", "ec2:*", "*"))).build();
        assertThat(decide(set, ALICE).allowed()).isTrue();
    }

    @Test
    void resourcePolicyNamingTheAccountOnlyDelegates() {
        PolicySet accountOnly = PolicySet.builder().resource(resource("Allow", ACCOUNT)).build();
        Decision d = decide(accountOnly, ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicySet rootArn = PolicySet.builder().resource(resource("Allow", "arn:aws:iam::" + ACCOUNT + ":root")).build();
        assertThat(decide(rootArn, ALICE).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicySet withIdentity = PolicySet.builder().resource(resource("Allow", ACCOUNT)).identity(ALLOW_S3_IDENTITY)
                .build();
        assertThat(decide(withIdentity, ALICE).allowed()).isTrue();
    }

    @Test
    void resourcePolicyNamingTheRoleGrantsToItsSessionsWithinBoundaryAndSessionPolicies() {
        PolicySet alone = PolicySet.builder().resource(resource("Allow", ROLE_ARN)).build();
        assertThat(decide(alone, ROLE_SESSION).allowed()).isTrue();

        PolicySet emptySession = PolicySet.builder().resource(resource("Allow", ROLE_ARN)).session(List.of()).build();
        assertThat(decide(emptySession, ROLE_SESSION).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);

        PolicySet narrowBoundary = PolicySet.builder().resource(resource("Allow", ROLE_ARN))
                .boundary(boundary(stmt("Allow", "ec2:*", "*"))).build();
        Decision d = decide(narrowBoundary, ROLE_SESSION);
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(d.reason()).contains("boundary");

        PolicySet sessionAllows = PolicySet.builder().resource(resource("Allow", ROLE_ARN))
                .session(List.of(session(stmt("Allow", "s3:*", "*")))).build();
        assertThat(decide(sessionAllows, ROLE_SESSION).allowed()).isTrue();
    }

    @Test
    void resourcePolicyNamingTheSessionIsNotLimitedBySessionPolicies() {
        // Session policies: a resource-based policy that names the session ARN grants after the
        // session was created; those permissions are not limited by the session policy.
        PolicySet set = PolicySet.builder().resource(resource("Allow", SESSION_ARN)).session(List.of()).build();
        Decision d = decide(set, ROLE_SESSION);
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isNotBlank();
    }

    @Test
    void resourcePolicyForAnotherRoleDoesNotMatch() {
        PolicySet set = PolicySet.builder().resource(resource("Allow", "arn:aws:iam::" + ACCOUNT + ":role/other")).build();
        assertThat(decide(set, ROLE_SESSION).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    // ---------------------------------------------------------------- cross account

    @Test
    void crossAccountNeedsBothIdentityAndResourceAllow() {
        Policy callerIdentity = identity(stmt("Allow", "s3:*", "*"));
        Policy bucketPolicy = resource("Allow", OTHER_USER.arn());

        Decision identityOnly = decideCross(PolicySet.builder().identity(callerIdentity).build(), OTHER_USER);
        assertThat(identityOnly.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(identityOnly.reason()).contains("resource-based").contains(ACCOUNT);

        Decision resourceOnly = decideCross(PolicySet.builder().resource(bucketPolicy).build(), OTHER_USER);
        assertThat(resourceOnly.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(resourceOnly.reason()).contains("identity-based");

        Decision both = decideCross(PolicySet.builder().identity(callerIdentity).resource(bucketPolicy).build(),
                OTHER_USER);
        assertThat(both.allowed()).isTrue();
        assertThat(both.matched()).extracting(MatchedStatement::policy).contains("identity[0]", "resource");
    }

    @Test
    void crossAccountAccountPrincipalCountsAsTheResourceSide() {
        PolicySet set = PolicySet.builder().identity(identity(stmt("Allow", "s3:*", "*")))
                .resource(resource("Allow", OTHER_ACCOUNT)).build();
        assertThat(decideCross(set, OTHER_USER).allowed()).isTrue();
    }

    @Test
    void crossAccountResourceGrantToAnotherAccountDoesNotMatch() {
        PolicySet set = PolicySet.builder().identity(identity(stmt("Allow", "s3:*", "*")))
                .resource(resource("Allow", "999999999999")).build();
        assertThat(decideCross(set, OTHER_USER).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void crossAccountIdentitySideStillLimitedByBoundary() {
        PolicySet set = PolicySet.builder().identity(identity(stmt("Allow", "s3:*", "*")))
                .boundary(boundary(stmt("Allow", "ec2:*", "*")))
                .resource(resource("Allow", OTHER_USER.arn())).build();
        assertThat(decideCross(set, OTHER_USER).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    // ---------------------------------------------------------------- root

    @Test
    void rootUserIsAllowedInItsOwnAccountAbsentDeny() {
        Decision d = decide(PolicySet.builder().build(), ROOT);
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).contains("root");
    }

    @Test
    void crossAccountRootNeedsAResourcePolicy() {
        assertThat(decideCross(PolicySet.builder().build(), OTHER_ROOT).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        PolicySet set = PolicySet.builder().resource(resource("Allow", OTHER_ACCOUNT)).build();
        assertThat(decideCross(set, OTHER_ROOT).allowed()).isTrue();
    }

    // ---------------------------------------------------------------- explanation

    @Test
    void allowedDecisionNamesEveryGateThatPassed() {
        PolicySet set = PolicySet.builder()
                .identity(identity(stmt("Allow", "ec2:*", "*")))
                .identity(identity(array(stmt("Allow", "sqs:*", "*"), sidStmt("Read", "Allow", "s3:GetObject", "*"))))
                .boundary(boundary(sidStmt("Limit", "Allow", "s3:*", "*")))
                .session(List.of(session(sidStmt("Sess", "Allow", "s3:*", "*"))))
                .scpLevel(List.of(scp(sidStmt("Root", "Allow", "*", "*"))))
                .scpLevel(List.of(scp(stmt("Allow", "ec2:*", "*")), scp(array(stmt("Allow", "sqs:*", "*"),
                        sidStmt("Ou", "Allow", "s3:*", "*")))))
                .build();
        Decision d = decide(set, ROLE_SESSION);
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.matched()).containsExactlyInAnyOrder(
                new MatchedStatement("scp[0][0]", PolicyType.SCP, 0, "Root", Effect.ALLOW),
                new MatchedStatement("scp[1][1]", PolicyType.SCP, 1, "Ou", Effect.ALLOW),
                new MatchedStatement("boundary", PolicyType.BOUNDARY, 0, "Limit", Effect.ALLOW),
                new MatchedStatement("session[0]", PolicyType.SESSION, 0, "Sess", Effect.ALLOW),
                new MatchedStatement("identity[1]", PolicyType.IDENTITY, 1, "Read", Effect.ALLOW));
        assertThat(d.reason()).contains("identity-based");
    }

    @Test
    void explicitDenyListsEveryMatchingDeny() {
        PolicySet set = PolicySet.builder()
                .identity(identity(array(stmt("Allow", "*", "*"), sidStmt("A", "Deny", "s3:*", "*"))))
                .boundary(boundary(array(stmt("Allow", "*", "*"), sidStmt("B", "Deny", "*", "*")))).build();
        Decision d = decide(set, ALICE);
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(d.matched()).containsExactlyInAnyOrder(
                new MatchedStatement("identity[0]", PolicyType.IDENTITY, 1, "A", Effect.DENY),
                new MatchedStatement("boundary", PolicyType.BOUNDARY, 1, "B", Effect.DENY));
    }

    @Test
    void denyReasonWithoutSidNamesTheStatementIndex() {
        PolicySet set = PolicySet.builder().identity(identity(array(stmt("Allow", "*", "*"), stmt("Deny", "s3:*", "*"))))
                .build();
        Decision d = decide(set, ALICE);
        assertThat(d.matched()).containsExactly(
                new MatchedStatement("identity[0]", PolicyType.IDENTITY, 1, null, Effect.DENY));
        assertThat(d.reason()).contains("identity[0]").contains("1");
    }
}
