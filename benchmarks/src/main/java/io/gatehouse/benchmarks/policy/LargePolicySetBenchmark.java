package io.gatehouse.benchmarks.policy;

import io.gatehouse.policy.Decision;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PreparedPolicySet;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target (b): 500 policies with 10,000 statements spread over 100 services (at most 20 µs), and
 * the proof that cost does not grow with statements whose actions cannot match: the parameter
 * {@code statements} adds statements of other services while the statements of the requested
 * service stay the same 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LargePolicySetBenchmark {
    /** Total statements; 20 per policy, so 10,000 statements are 500 policies. */
    @Param({"2000", "10000"})
    public int statements;

    private PolicySet policies;
    private PreparedPolicySet prepared;
    private Request request;

    @Setup
    public void setUp() {
        int services = statements / 100; // the requested service always has 100 statements
        policies = PolicySet.builder()
                .identity(PolicyFixtures.spreadPolicies(statements / 20, 20, services))
                .build();
        int target = statements - services; // a statement of service svc0 near the end
        request = new Request(Principal.fromArn("arn:aws:iam::111122223333:user/alice"), "svc0:GetItem",
                "arn:aws:svc0:us-east-1:111122223333:thing/" + target, null,
                RequestContext.builder()
                        .put("aws:username", "alice")
                        .put("aws:PrincipalTag/team", "ledger")
                        .put("aws:SourceIp", "192.168.7.9")
                        .put("aws:CurrentTime", "2026-11-23T08:00:00Z")
                        .build());
        prepared = PolicyFixtures.ENGINE.prepare(policies);
        Decision check = PolicyFixtures.ENGINE.evaluate(prepared, request);
        if (!check.allowed()) {
            throw new IllegalStateException("fixture not allowed: " + check);
        }
    }

    /** The server's path: the principal's prepared set comes from its cache. */
    @Benchmark
    public Decision evaluate() {
        return PolicyFixtures.ENGINE.evaluate(prepared, request);
    }
}
