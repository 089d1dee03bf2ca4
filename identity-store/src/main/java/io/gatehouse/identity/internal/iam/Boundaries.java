package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.persistence.PolicyEntity;

/** Permissions boundaries must name an existing managed policy. */
final class Boundaries {
    private Boundaries() {}

    static String check(String arn) {
        Constraints.length(arn, "permissionsBoundary", 20, 2048);
        if (PolicyEntity.byArn(arn).isEmpty()) {
            throw AwsException.invalidInput("ARN " + arn + " is not valid.");
        }
        return arn;
    }
}
