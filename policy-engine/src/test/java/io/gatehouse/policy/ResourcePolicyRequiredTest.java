package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.ACCOUNT;
import static io.gatehouse.policy.Fixtures.ACTION;
import static io.gatehouse.policy.Fixtures.ALICE;
import static io.gatehouse.policy.Fixtures.OTHER_ACCOUNT;
import static io.gatehouse.policy.Fixtures.OTHER_USER;
import static io.gatehouse.policy.Fixtures.RESOURCE;
import static io.gatehouse.policy.Fixtures.ROLE_ARN;
import static io.gatehouse.policy.Fixtures.ROLE_SESSION;
import static io.gatehouse.policy.Fixtures.compile;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.identity;
import static io.gatehouse.policy.Fixtures.q;
import static io.gatehouse.policy.Fixtures.stmt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests that need the resource-based policy to allow even within one account, as a role's trust
 * policy does ({@link Request#requiringResourcePolicy()}).
 */
class ResourcePolicyRequiredTest {
    private static final Policy ALLOW_IDENTITY = identity(stmt("Allow", ACTION, "*"));

    private static Policy resource(String effect, String awsPrincipal) {
        return compile(doc(q("{'Effect':'" + effect + "','Principal':{'AWS':'" + awsPrincipal + "'},'Action':'"
                + ACTION + "','Resource':'" + RESOURCE + "'}")), PolicyKind.RESOURCE);
    }

    private static Decision decide(PolicySet set, Principal who, boolean required) {
        Request request = new Request(who, ACTION, RESOURCE, ACCOUNT, RequestContext.empty());
        return Fixtures.evaluate(set, required ? request.requiringResourcePolicy() : request);
    }

    @Test
    void theFlagIsOffByDefaultAndKeptByTheWither() {
        Request plain = new Request(ALICE, ACTION, RESOURCE, null, null);
        assertThat(plain.resourcePolicyRequired()).isFalse();
        assertThat(plain.requiringResourcePolicy().resourcePolicyRequired()).isTrue();
        assertThat(plain.requiringResourcePolicy().resourceAccount()).isEqualTo(ACCOUNT);
    }

    @Test
    void anIdentityAllowAloneIsNotEnough() {
        PolicySet set = PolicySet.builder().identity(ALLOW_IDENTITY).build();
        assertThat(decide(set, ALICE, false).allowed()).isTrue();
        Decision required = decide(set, ALICE, true);
        assertThat(required.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(required.reason()).isEqualTo("the resource-based policy does not allow the action for this principal");
    }

    @Test
    void aResourcePolicyNamingThePrincipalGrantsAlone() {
        PolicySet set = PolicySet.builder().resource(resource("Allow", ALICE.arn())).build();
        Decision d = decide(set, ALICE, true);
        assertThat(d.allowed()).isTrue();
        assertThat(d.matched()).extracting(MatchedStatement::type).containsExactly(PolicyType.RESOURCE);
    }

    @Test
    void aResourcePolicyNamingTheAccountDelegatesToTheIdentitySide() {
        Policy account = resource("Allow", "arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(decide(PolicySet.builder().resource(account).build(), ALICE, true).allowed()).isFalse();
        Decision both = decide(PolicySet.builder().identity(ALLOW_IDENTITY).resource(account).build(), ALICE, true);
        assertThat(both.allowed()).isTrue();
        assertThat(both.matched()).extracting(MatchedStatement::type)
                .containsExactlyInAnyOrder(PolicyType.IDENTITY, PolicyType.RESOURCE);
    }

    @Test
    void aResourcePolicyNamingTheRoleOfASessionGrantsWithinItsSessionPolicies() {
        Policy trust = resource("Allow", ROLE_ARN);
        assertThat(decide(PolicySet.builder().resource(trust).build(), ROLE_SESSION, true).allowed()).isTrue();
        Policy narrow = compile(doc(stmt("Allow", "s3:PutObject", "*")), PolicyKind.SESSION);
        Decision limited = decide(PolicySet.builder().resource(trust).session(List.of(narrow)).build(), ROLE_SESSION,
                true);
        assertThat(limited.allowed()).isFalse();
        assertThat(limited.reason()).isEqualTo("no session policy allows the action");
    }

    @Test
    void anExplicitDenyInTheResourcePolicyStillWins() {
        PolicySet set = PolicySet.builder().identity(ALLOW_IDENTITY).resource(resource("Deny", ALICE.arn())).build();
        assertThat(decide(set, ALICE, true).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void acrossAccountsTheRuleIsUnchanged() {
        Policy other = resource("Allow", "arn:aws:iam::" + OTHER_ACCOUNT + ":root");
        PolicySet withIdentity = PolicySet.builder().identity(ALLOW_IDENTITY).resource(other).build();
        assertThat(decide(withIdentity, OTHER_USER, true).allowed()).isTrue();
        assertThat(decide(withIdentity, OTHER_USER, false).allowed()).isTrue();
        PolicySet resourceOnly = PolicySet.builder().resource(other).build();
        assertThat(decide(resourceOnly, OTHER_USER, true).allowed()).isFalse();
        assertThat(decide(resourceOnly, OTHER_USER, false).allowed()).isFalse();
    }
}
