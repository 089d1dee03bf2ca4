package io.gatehouse.benchmarks.policy;

import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;

/** Generates realistic policy documents for the benchmarks. */
final class PolicyFixtures {
    static final PolicyEngine ENGINE = PolicyEngine.create();
    static final String ACCOUNT = "111122223333";

    private PolicyFixtures() {}

    /**
     * One statement of a typical workload policy: several actions of one service, a bucket ARN
     * with a variable, and three conditions (tag, source network, time).
     */
    static String conditionedStatement(String sid, String effect, String service, String action, String resource) {
        return "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\","
                + "\"Action\":[\"" + service + ":" + action + "\",\"" + service + ":List*\",\"" + service + ":Describe*\"],"
                + "\"Resource\":[\"" + resource + "\",\"arn:aws:" + service + ":us-east-1:" + ACCOUNT + ":thing/${aws:username}/*\"],"
                + "\"Condition\":{"
                + "\"StringEquals\":{\"aws:PrincipalTag/team\":[\"payments\",\"ledger\"]},"
                + "\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]},"
                + "\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}}";
    }

    static Policy policy(List<String> statements) {
        return ENGINE.compile("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}",
                PolicyKind.IDENTITY, Integer.MAX_VALUE);
    }

    /** Statements spread over {@code services} services: s0 ... s(n-1). */
    static List<Policy> spreadPolicies(int policies, int statementsPerPolicy, int services) {
        List<Policy> out = new ArrayList<>(policies);
        int n = 0;
        for (int p = 0; p < policies; p++) {
            List<String> statements = new ArrayList<>(statementsPerPolicy);
            for (int s = 0; s < statementsPerPolicy; s++, n++) {
                String service = "svc" + (n % services);
                statements.add(conditionedStatement("S" + s, "Allow", service, "Get*",
                        "arn:aws:" + service + ":us-east-1:" + ACCOUNT + ":thing/" + n));
            }
            out.add(policy(statements));
        }
        return out;
    }

    /** A document of about {@code size} characters (excluding white space). */
    static String documentOfSize(int size) {
        StringBuilder statements = new StringBuilder();
        int i = 0;
        while (statements.length() < size - 400) {
            if (i > 0) {
                statements.append(',');
            }
            statements.append(conditionedStatement("S" + i, i % 5 == 4 ? "Deny" : "Allow", "s3", "GetObject",
                    "arn:aws:s3:::bucket-" + i + "/*"));
            i++;
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }
}
