package io.gatehouse.policy;

/**
 * One validation result.
 *
 * @param severity error, warning or suggestion
 * @param code a stable identifier, e.g. {@code MALFORMED}, {@code ALLOW_ALL}, {@code PASS_ROLE_ANY}
 * @param location where: {@code Statement[1] (Sid "X")}, or {@code Policy document}
 * @param message what is wrong and why it matters
 */
public record Finding(Severity severity, String code, String location, String message) {}
