package io.gatehouse.benchmarks.policy;

import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyKind;
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

/** Target (c): parse, validate and compile a 6 KB policy in at most 200 µs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileBenchmark {
    private String document;

    @Setup
    public void setUp() {
        document = PolicyFixtures.documentOfSize(6_000);
    }

    @Benchmark
    public Policy compile() {
        return PolicyFixtures.ENGINE.compile(document, PolicyKind.IDENTITY);
    }
}
