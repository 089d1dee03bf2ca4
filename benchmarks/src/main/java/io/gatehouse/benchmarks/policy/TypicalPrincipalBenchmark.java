package io.gatehouse.benchmarks.policy;

import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PreparedPolicySet;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target (a): a typical principal with 10 attached policies holding 40 statements, every one
 * with conditions and every one for the requested service (so the action index cannot skip any),
 * and a request that only the very last statement allows. Median must stay at or under 2 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TypicalPrincipalBenchmark {
    private PolicySet policies;
    private PreparedPolicySet prepared;
    private Request request;

    @Setup
    public void setUp() {
        List<Policy> identity = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            List<String> statements = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                boolean last = p == 9 && s == 3;
                String resource = last ? "arn:aws:s3:::reports/*" : "arn:aws:s3:::bucket-" + p + "-" + s + "/*";
                String effect = s == 1 ? "Deny" : "Allow";
                String action = s == 1 ? "DeleteBucket" : "GetObject";
                statements.add(PolicyFixtures.conditionedStatement("P" + p + "S" + s, effect, "s3", action, resource));
            }
            identity.add(PolicyFixtures.policy(statements));
        }
        policies = PolicySet.builder().identity(identity).build();
        request = new Request(Principal.fromArn("arn:aws:iam::111122223333:user/alice"), "s3:GetObject",
                "arn:aws:s3:::reports/2026/q3.csv", null,
                RequestContext.builder()
                        .put("aws:username", "alice")
                        .put("aws:PrincipalTag/team", "payments")
                        .put("aws:SourceIp", "10.1.2.3")
                        .put("aws:CurrentTime", "2026-11-23T08:00:00Z")
                        .build());
        prepared = PolicyFixtures.ENGINE.prepare(policies);
        Decision check = PolicyFixtures.ENGINE.evaluate(prepared, request);
        if (!check.allowed() || !check.matched().get(0).sid().equals("P9S3")) {
            throw new IllegalStateException("fixture does not match late: " + check);
        }
    }

    /** The server's path: the principal's prepared set comes from its cache. */
    @Benchmark
    public Decision evaluate() {
        return PolicyFixtures.ENGINE.evaluate(prepared, request);
    }

    /** Without a cache: the set is indexed on every call. */
    @Benchmark
    public Decision evaluateUnprepared() {
        return PolicyFixtures.ENGINE.evaluate(policies, request);
    }
}
