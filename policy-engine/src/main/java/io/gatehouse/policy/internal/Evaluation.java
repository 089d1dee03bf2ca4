package io.gatehouse.policy.internal;

import io.gatehouse.policy.Effect;
import io.gatehouse.policy.MatchedStatement;
import io.gatehouse.policy.PolicyType;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import java.util.Locale;

/**
 * The matching pass of one evaluation: one index lookup per policy role, then only the statements
 * that could match the action; matching statements are sorted by the part they play. Not
 * thread-safe; one instance per evaluation.
 */
final class Evaluation {
    final Request request;
    final String action;
    final String service;
    final RequestContext context;

    final Hits denies = new Hits();
    final Hits identityAllows = new Hits();
    final Hits boundaryAllows = new Hits();
    final Hits sessionAllows = new Hits();
    final Hits scpAllows = new Hits();
    final Hits resourceDirect = new Hits();
    final Hits resourceViaRole = new Hits();
    final Hits resourceViaAccount = new Hits();
    /** First guardrail level (0-based) with no applicable Allow, or -1. */
    int scpFailedLevel = -1;

    Evaluation(Request request) {
        this.request = request;
        this.action = request.action().toLowerCase(Locale.ROOT);
        int colon = action.indexOf(':');
        this.service = colon < 0 ? "" : action.substring(0, colon);
        this.context = request.context();
    }

    void scan(PreparedSet set) {
        if (set.scpLevels != null) {
            for (int level = 0; level < set.scpLevels.length; level++) {
                Hits levelAllows = new Hits();
                scan(set.scpLevels[level], PolicyType.SCP, level, levelAllows);
                if (!levelAllows.isEmpty()) {
                    scpAllows.add(levelAllows.first());
                } else if (scpFailedLevel < 0) {
                    scpFailedLevel = level;
                }
            }
        }
        if (set.resource != null) {
            scanResource(set.resource, set.boundary != null);
        }
        scan(set.identity, PolicyType.IDENTITY, -1, identityAllows);
        if (set.boundary != null) {
            scan(set.boundary, PolicyType.BOUNDARY, -1, boundaryAllows);
        }
        if (set.session != null) {
            scan(set.session, PolicyType.SESSION, -1, sessionAllows);
        }
    }

    /**
     * @param principalHasBoundary AWS documents that a Deny with NotPrincipal always denies a
     *     principal with a permissions boundary, whatever NotPrincipal lists
     */
    private void scanResource(MergedIndex index, boolean principalHasBoundary) {
        MergedIndex.Slice slice = index.candidates(service);
        for (CompiledStatement s : slice.statements()) {
            if (!s.matchesAction(action) || !s.matchesResource(request.resource(), context)) {
                continue;
            }
            PrincipalMatcher.Match match = s.matchesPrincipal(request.principal());
            if (principalHasBoundary && s.effect == Effect.DENY && s.principal != null && s.principal.negated()) {
                match = PrincipalMatcher.Match.DIRECT;
            }
            if (match == PrincipalMatcher.Match.NONE || !s.conditionsHold(context)) {
                continue;
            }
            MatchedStatement hit = matched(PolicyType.RESOURCE, -1, -1, s);
            if (s.effect == Effect.DENY) {
                denies.add(hit);
            } else if (match == PrincipalMatcher.Match.DIRECT) {
                resourceDirect.add(hit);
            } else if (match == PrincipalMatcher.Match.ROLE) {
                resourceViaRole.add(hit);
            } else {
                resourceViaAccount.add(hit);
            }
        }
    }

    /** @param level the SCP level, or -1; policy labels are indexed unless the role has one policy */
    private void scan(MergedIndex index, PolicyType type, int level, Hits allows) {
        MergedIndex.Slice slice = index.candidates(service);
        CompiledStatement[] statements = slice.statements();
        boolean single = type == PolicyType.BOUNDARY || type == PolicyType.RESOURCE;
        for (int k = 0; k < statements.length; k++) {
            CompiledStatement s = statements[k];
            if (s.matchesAction(action) && s.matchesResource(request.resource(), context) && s.conditionsHold(context)) {
                MatchedStatement hit = matched(type, single ? -1 : slice.policy()[k], level, s);
                if (s.effect == Effect.DENY) {
                    denies.add(hit);
                } else {
                    allows.add(hit);
                }
            }
        }
    }

    private static MatchedStatement matched(PolicyType type, int index, int level, CompiledStatement s) {
        String label = type.label();
        if (level >= 0) {
            label = label + "[" + level + "][" + index + "]";
        } else if (index >= 0) {
            label = label + "[" + index + "]";
        }
        return new MatchedStatement(label, type, s.index, s.sid, s.effect);
    }
}
