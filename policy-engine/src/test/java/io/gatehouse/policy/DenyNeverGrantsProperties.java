package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Monotonicity of AWS's evaluation logic: an explicit Deny anywhere wins, so adding a Deny can
 * never turn a refusal into an allow, and adding an Allow can never lift an explicit deny.
 */
class DenyNeverGrantsProperties {
    private static final PolicyEngine ENGINE = PolicyEngine.create();
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER = "444455556666";
    private static final List<String> ACTIONS = List.of("s3:GetObject", "s3:Put*", "ec2:*", "*", "s3:*",
            "ec2:RunInstances");
    private static final List<String> RESOURCES = List.of("*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k",
            "arn:aws:s3:::other/*");
    private static final List<String> REQUEST_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "ec2:RunInstances");
    private static final List<String> REQUEST_RESOURCES = List.of("arn:aws:s3:::b/k", "arn:aws:s3:::other/x");
    private static final List<String> CONDITIONS = List.of("",
            ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}",
            ",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}",
            ",\"Condition\":{\"StringEqualsIfExists\":{\"aws:PrincipalTag/team\":\"red\"}}",
            ",\"Condition\":{\"Null\":{\"aws:PrincipalTag/team\":\"true\"}}");
    private static final List<String> RESOURCE_PRINCIPALS = List.of("\"*\"",
            "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/alice\"}", "{\"AWS\":\"" + ACCOUNT + "\"}",
            "{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":role/app\"}", "{\"AWS\":\"" + OTHER + "\"}",
            "{\"AWS\":\"arn:aws:iam::" + OTHER + ":user/carol\"}");
    private static final List<String> PRINCIPALS = List.of("arn:aws:iam::" + ACCOUNT + ":user/alice",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/s1", "arn:aws:iam::" + OTHER + ":user/carol",
            "arn:aws:iam::" + ACCOUNT + ":root");

    record Stmt(boolean allow, String action, String resource, String condition, String principal) {
        String json(boolean withResource, boolean withPrincipal) {
            return "{\"Effect\":\"" + (allow ? "Allow" : "Deny") + "\""
                    + (withPrincipal ? ",\"Principal\":" + principal : "")
                    + ",\"Action\":\"" + action + "\""
                    + (withResource ? ",\"Resource\":\"" + resource + "\"" : "")
                    + condition + "}";
        }
    }

    record Scenario(List<List<Stmt>> identity, List<Stmt> resource, List<Stmt> boundary, List<List<Stmt>> session,
            List<List<Stmt>> scp, String principalArn, String action, String resourceArn, String team) {

        Scenario with(Placement placement, Stmt added) {
            List<List<Stmt>> id = copy(identity);
            List<Stmt> res = resource == null ? null : new ArrayList<>(resource);
            List<Stmt> bound = boundary == null ? null : new ArrayList<>(boundary);
            List<List<Stmt>> sess = session == null ? null : copy(session);
            List<List<Stmt>> scps = scp == null ? null : copy(scp);
            switch (placement.target()) {
                case "identity" -> {
                    if (id.isEmpty() || placement.index() % 2 == 0) {
                        id.add(new ArrayList<>(List.of(added)));
                    } else {
                        id.get(placement.index() % id.size()).add(added);
                    }
                }
                case "resource" -> {
                    if (res == null) {
                        id.add(new ArrayList<>(List.of(added)));
                    } else {
                        res.add(added);
                    }
                }
                case "boundary" -> {
                    if (bound == null) {
                        id.add(new ArrayList<>(List.of(added)));
                    } else {
                        bound.add(added);
                    }
                }
                case "session" -> {
                    if (sess == null) {
                        id.add(new ArrayList<>(List.of(added)));
                    } else if (sess.isEmpty() || placement.index() % 2 == 0) {
                        sess.add(new ArrayList<>(List.of(added)));
                    } else {
                        sess.get(placement.index() % sess.size()).add(added);
                    }
                }
                default -> {
                    if (scps == null) {
                        id.add(new ArrayList<>(List.of(added)));
                    } else {
                        scps.get(placement.index() % scps.size()).add(added);
                    }
                }
            }
            return new Scenario(id, res, bound, sess, scps, principalArn, action, resourceArn, team);
        }

        private static List<List<Stmt>> copy(List<List<Stmt>> lists) {
            List<List<Stmt>> out = new ArrayList<>();
            lists.forEach(l -> out.add(new ArrayList<>(l)));
            return out;
        }

        Decision evaluate() {
            PolicySet.Builder b = PolicySet.builder();
            identity.forEach(s -> b.identity(compile(s, PolicyKind.IDENTITY)));
            if (resource != null) {
                b.resource(compile(resource, PolicyKind.RESOURCE));
            }
            if (boundary != null) {
                b.boundary(compile(boundary, PolicyKind.BOUNDARY));
            }
            if (session != null) {
                b.session(session.stream().map(s -> compile(s, PolicyKind.SESSION)).toList());
            }
            if (scp != null) {
                scp.forEach(level -> b.scpLevel(List.of(compile(level, PolicyKind.SCP))));
            }
            RequestContext context = team == null ? RequestContext.empty()
                    : RequestContext.builder().put("aws:PrincipalTag/team", team).build();
            return ENGINE.evaluate(b.build(),
                    new Request(Principal.fromArn(principalArn), action, resourceArn, ACCOUNT, context));
        }

        private static Policy compile(List<Stmt> statements, PolicyKind kind) {
            if (statements.isEmpty()) {
                // a document needs a statement; one that matches no request
                statements = List.of(new Stmt(true, "sqs:Nothing", "arn:aws:sqs:::none", "", "\"*\""));
            }
            boolean principal = kind == PolicyKind.RESOURCE;
            String body = statements.stream().map(s -> s.json(true, principal)).collect(Collectors.joining(","));
            return ENGINE.compile("{\"Version\":\"2012-10-17\",\"Statement\":[" + body + "]}", kind);
        }
    }

    record Placement(String target, int index) {}

    private static Arbitrary<Stmt> statements(Arbitrary<Boolean> allow) {
        return Combinators.combine(allow, Arbitraries.of(ACTIONS), Arbitraries.of(RESOURCES),
                Arbitraries.of(CONDITIONS), Arbitraries.of(RESOURCE_PRINCIPALS)).as(Stmt::new);
    }

    private static Arbitrary<Stmt> mixed() {
        return statements(Arbitraries.frequency(
                net.jqwik.api.Tuple.of(4, Boolean.TRUE), net.jqwik.api.Tuple.of(1, Boolean.FALSE)));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Stmt>> doc = mixed().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<List<Stmt>>> identity = doc.list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<List<Stmt>> resource = mixed().list().ofMinSize(1).ofMaxSize(3).injectNull(0.5);
        Arbitrary<List<Stmt>> boundary = doc.injectNull(0.6);
        Arbitrary<List<List<Stmt>>> session = doc.list().ofMinSize(0).ofMaxSize(2).injectNull(0.6);
        Arbitrary<List<List<Stmt>>> scp = doc.list().ofMinSize(1).ofMaxSize(2).injectNull(0.6);
        Arbitrary<String> team = Arbitraries.of("blue", "red").injectNull(0.4);
        Arbitrary<String[]> request = Combinators.combine(Arbitraries.of(PRINCIPALS), Arbitraries.of(REQUEST_ACTIONS),
                Arbitraries.of(REQUEST_RESOURCES)).as((p, a, r) -> new String[] {p, a, r});
        return Combinators.combine(identity, resource, boundary, session, scp, request, team)
                .as((i, res, b, s, sc, req, t) -> new Scenario(i, res, b, s, sc, req[0], req[1], req[2], t));
    }

    @Provide
    Arbitrary<Placement> placements() {
        return Combinators.combine(Arbitraries.of("identity", "resource", "boundary", "session", "scp"),
                Arbitraries.integers().between(0, 5)).as(Placement::new);
    }

    @Provide
    Arbitrary<Stmt> denies() {
        return statements(Arbitraries.just(false));
    }

    @Provide
    Arbitrary<Stmt> allows() {
        return statements(Arbitraries.just(true));
    }

    @Property(tries = 500)
    void addingADenyNeverTurnsARefusalIntoAnAllow(@ForAll("scenarios") Scenario scenario,
            @ForAll("placements") Placement placement, @ForAll("denies") Stmt deny) {
        Decision before = scenario.evaluate();
        Decision after = scenario.with(placement, deny).evaluate();
        if (!before.allowed()) {
            assertThat(after.allowed()).as("before %s, after adding %s at %s", before, deny, placement).isFalse();
        }
        if (before.outcome() == Outcome.EXPLICIT_DENY) {
            assertThat(after.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        }
    }

    @Property(tries = 500)
    void anUnconditionalDenyOfTheRequestAlwaysWins(@ForAll("scenarios") Scenario scenario,
            @ForAll("placements") Placement placement) {
        Stmt deny = new Stmt(false, scenario.action(), scenario.resourceArn(), "", "\"*\"");
        Decision after = scenario.with(placement, deny).evaluate();
        assertThat(after.outcome()).as("after adding %s at %s", deny, placement).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(after.matched()).isNotEmpty().allSatisfy(m -> assertThat(m.effect()).isEqualTo(Effect.DENY));
    }

    @Property(tries = 500)
    void addingAnAllowNeverLiftsAnExplicitDeny(@ForAll("scenarios") Scenario scenario,
            @ForAll("placements") Placement placement, @ForAll("allows") Stmt allow) {
        Decision before = scenario.evaluate();
        Decision after = scenario.with(placement, allow).evaluate();
        if (before.outcome() == Outcome.EXPLICIT_DENY) {
            assertThat(after.outcome()).as("after adding %s at %s", allow, placement).isEqualTo(Outcome.EXPLICIT_DENY);
        }
    }

    @Property(tries = 300)
    void everyDecisionHasAReasonAndConsistentStatements(@ForAll("scenarios") Scenario scenario) {
        Decision d = scenario.evaluate();
        Statistics.label("outcome").collect(d.outcome());
        assertThat(d.reason()).isNotBlank();
        switch (d.outcome()) {
            case EXPLICIT_DENY -> assertThat(d.matched()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.effect()).isEqualTo(Effect.DENY));
            case IMPLICIT_DENY -> assertThat(d.matched()).isEmpty();
            case ALLOWED -> assertThat(d.matched()).allSatisfy(m -> assertThat(m.effect()).isEqualTo(Effect.ALLOW));
        }
        // the generator must exercise every outcome, or the properties above prove little
        Statistics.label("outcome").coverage(c -> {
            c.check(Outcome.ALLOWED).percentage(p -> p > 5);
            c.check(Outcome.IMPLICIT_DENY).percentage(p -> p > 5);
            c.check(Outcome.EXPLICIT_DENY).percentage(p -> p > 5);
        });
    }
}
