package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedPolicySetTest {
    private static final PolicyEngine ENGINE = PolicyEngine.create();
    private static final Principal ALICE = Principal.fromArn("arn:aws:iam::111122223333:user/alice");

    private static Policy identity(String statements) {
        return ENGINE.compile("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", PolicyKind.IDENTITY);
    }

    private static String allow(String sid, String actions) {
        return "{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\"*\"}";
    }

    @Test
    void matchedStatementsComeInDocumentOrderAcrossPoliciesAndWildcardServices() {
        PolicySet set = PolicySet.builder()
                .identity(identity(allow("A", "\"ec2:*\"") + "," + allow("B", "\"*\"") + "," + allow("C", "\"s3:Get*\"")))
                .identity(identity(allow("D", "\"s?:GetObject\"") + "," + allow("E", "[\"s3:GetObject\",\"s3:List*\"]")))
                .build();
        PreparedPolicySet prepared = ENGINE.prepare(set);
        Decision decision = ENGINE.evaluate(prepared, new Request(ALICE, "s3:GetObject", "arn:aws:s3:::b/k", null, null));
        assertThat(decision.matched()).extracting(MatchedStatement::sid).containsExactly("B", "C", "D", "E");
        assertThat(decision.matched()).extracting(MatchedStatement::policy)
                .containsExactly("identity[0]", "identity[0]", "identity[1]", "identity[1]");
        assertThat(prepared.policies()).isSameAs(set);
    }

    @Test
    void aStatementNamingOneServiceTwiceIsReportedOnce() {
        PolicySet set = PolicySet.builder().identity(identity(allow("Twice", "[\"s3:GetObject\",\"s3:Get*\"]"))).build();
        Decision decision = ENGINE.evaluate(ENGINE.prepare(set), new Request(ALICE, "s3:GetObject", "*", null, null));
        assertThat(decision.matched()).hasSize(1);
    }

    @Test
    void aPreparedSetDecidesLikeTheUnpreparedOneForEveryRole() {
        Policy scp = ENGINE.compile("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}",
                PolicyKind.SCP);
        Policy deny = identity("{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\",\"Resource\":\"*\"}");
        PolicySet set = PolicySet.builder().identity(identity(allow("All", "\"*\""))).identity(deny)
                .boundary(identity(allow("Bound", "\"s3:*\""))).session(List.of(identity(allow("Sess", "\"s3:Get*\""))))
                .scpLevel(List.of(scp)).build();
        PreparedPolicySet prepared = ENGINE.prepare(set);
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "ec2:RunInstances")) {
            Request request = new Request(ALICE, action, "arn:aws:s3:::b/k", null, null);
            assertThat(ENGINE.evaluate(prepared, request)).isEqualTo(ENGINE.evaluate(set, request));
        }
        assertThat(ENGINE.evaluate(prepared, new Request(ALICE, "s3:GetObject", "*", null, null)).matched())
                .extracting(MatchedStatement::policy).containsExactly("scp[0][0]", "boundary", "session[0]", "identity[0]");
    }
}
