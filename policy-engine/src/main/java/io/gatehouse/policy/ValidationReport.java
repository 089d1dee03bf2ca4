package io.gatehouse.policy;

import java.util.List;

/**
 * The result of validating one document: the refusal, if any, and the lint findings.
 *
 * @param findings errors first, then warnings and suggestions
 */
public record ValidationReport(List<Finding> findings) {
    public ValidationReport {
        findings = List.copyOf(findings);
    }

    /** True when the document would be refused. */
    public boolean malformed() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
