package io.gatehouse.policy.internal;

import io.gatehouse.policy.Effect;
import io.gatehouse.policy.MatchedStatement;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyType;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import java.util.List;
import java.util.Locale;

/**
 * The matching pass of one evaluation: scans every policy once (only the statements the action
 * index offers) and sorts the matching statements by the part they play. Not thread-safe; one
 * instance per evaluation.
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

    void scanIdentity(List<Policy> policies) {
        for (int i = 0; i < policies.size(); i++) {
            scan(policies.get(i), PolicyType.IDENTITY, i, -1, identityAllows);
        }
    }

    void scanBoundary(Policy boundary) {
        if (boundary != null) {
            scan(boundary, PolicyType.BOUNDARY, -1, -1, boundaryAllows);
        }
    }

    void scanSession(List<Policy> session) {
        if (session != null) {
            for (int i = 0; i < session.size(); i++) {
                scan(session.get(i), PolicyType.SESSION, i, -1, sessionAllows);
            }
        }
    }

    void scanScp(List<List<Policy>> levels) {
        if (levels == null) {
            return;
        }
        for (int level = 0; level < levels.size(); level++) {
            Hits levelAllows = new Hits();
            List<Policy> docs = levels.get(level);
            for (int i = 0; i < docs.size(); i++) {
                scan(docs.get(i), PolicyType.SCP, i, level, levelAllows);
            }
            if (levelAllows.isEmpty()) {
                if (scpFailedLevel < 0) {
                    scpFailedLevel = level;
                }
            } else {
                scpAllows.add(levelAllows.first());
            }
        }
    }

    /**
     * @param principalHasBoundary AWS documents that a Deny with NotPrincipal always denies a
     *     principal with a permissions boundary, whatever NotPrincipal lists
     */
    void scanResource(Policy resource, boolean principalHasBoundary) {
        if (resource == null) {
            return;
        }
        CompiledPolicy policy = (CompiledPolicy) resource;
        for (int index : policy.index.candidates(service)) {
            CompiledStatement s = policy.statements[index];
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

    private void scan(Policy p, PolicyType type, int index, int level, Hits allows) {
        CompiledPolicy policy = (CompiledPolicy) p;
        for (int i : policy.index.candidates(service)) {
            CompiledStatement s = policy.statements[i];
            if (s.matchesAction(action) && s.matchesResource(request.resource(), context) && s.conditionsHold(context)) {
                MatchedStatement hit = matched(type, index, level, s);
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
