package io.gatehouse.policy;

/**
 * A statement that took part in a decision.
 *
 * @param policy the policy's label: {@code identity[i]}, {@code resource}, {@code boundary},
 *     {@code session[i]} or {@code scp[level][i]}
 * @param type the role the policy played
 * @param statementIndex 0-based index of the statement inside its document
 * @param sid the statement's Sid, or null
 * @param effect the statement's effect
 */
public record MatchedStatement(String policy, PolicyType type, int statementIndex, String sid, Effect effect) {}
