package io.gatehouse.policy.internal;

import io.gatehouse.policy.Effect;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.RequestContext;

/**
 * One statement, compiled: lower-cased action patterns, resource templates, the principal
 * matcher and the conditions. Immutable and thread-safe.
 */
final class CompiledStatement {
    final int index;
    final String sid;
    final Effect effect;
    final Glob[] actions;
    final boolean notAction;
    final Template[] resources;
    final boolean notResource;
    final PrincipalMatcher principal;
    final Condition[] conditions;

    CompiledStatement(int index, String sid, Effect effect, Glob[] actions, boolean notAction, Template[] resources,
            boolean notResource, PrincipalMatcher principal, Condition[] conditions) {
        this.index = index;
        this.sid = sid;
        this.effect = effect;
        this.actions = actions;
        this.notAction = notAction;
        this.resources = resources;
        this.notResource = notResource;
        this.principal = principal;
        this.conditions = conditions;
    }

    /** @param action the requested action in lower case */
    boolean matchesAction(String action) {
        for (Glob glob : actions) {
            if (glob.matches(action)) {
                return !notAction;
            }
        }
        return notAction;
    }

    /** A statement without Resource (trust policies, SCPs) applies to any resource. */
    boolean matchesResource(String resource, RequestContext context) {
        if (resources == null) {
            return true;
        }
        for (Template template : resources) {
            if (template.matches(resource, context)) {
                return !notResource;
            }
        }
        return notResource;
    }

    /** How the statement names the principal; DIRECT when it has no Principal element. */
    PrincipalMatcher.Match matchesPrincipal(Principal caller) {
        return principal == null ? PrincipalMatcher.Match.DIRECT : principal.match(caller);
    }

    boolean conditionsHold(RequestContext context) {
        for (Condition condition : conditions) {
            if (!condition.evaluate(context)) {
                return false;
            }
        }
        return true;
    }

    /** The service prefixes this statement's actions are limited to, or null if any service. */
    String[] services() {
        if (notAction) {
            return null;
        }
        String[] services = new String[actions.length];
        for (int i = 0; i < actions.length; i++) {
            String pattern = actions[i].toString();
            int colon = pattern.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String service = pattern.substring(0, colon);
            if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
                return null;
            }
            services[i] = service;
        }
        return services;
    }
}
