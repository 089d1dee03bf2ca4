package io.gatehouse.policy;

import java.util.Objects;

/**
 * The caller of a request.
 *
 * @param type what kind of principal it is
 * @param arn its ARN, or null for service, federated-provider, canonical-user and anonymous callers
 * @param accountId the 12-digit account it belongs to, or null where it has none
 * @param name the principal's short name: the user name for IAM users, the role name for roles
 *     and role sessions, the service name for services, the provider for federated callers, the id
 *     for canonical users; null for the root user and anonymous callers
 */
public record Principal(PrincipalType type, String arn, String accountId, String name) {

    public Principal {
        Objects.requireNonNull(type, "type");
    }

    /**
     * Reads a principal from its ARN: {@code arn:PARTITION:iam::ACCT:root}, {@code :user/...},
     * {@code :role/...}, {@code arn:PARTITION:sts::ACCT:assumed-role/ROLE/SESSION} or
     * {@code :federated-user/NAME}.
     *
     * @throws IllegalArgumentException if the text is not one of those forms
     */
    public static Principal fromArn(String arn) {
        Objects.requireNonNull(arn, "arn");
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || !parts[3].isEmpty()
                || !isAccountId(parts[4])) {
            throw new IllegalArgumentException("not a principal ARN: " + arn);
        }
        String service = parts[2];
        String account = parts[4];
        String resource = parts[5];
        if (service.equals("iam")) {
            if (resource.equals("root")) {
                return new Principal(PrincipalType.ROOT, arn, account, null);
            }
            if (resource.startsWith("user/") && resource.length() > 5) {
                return new Principal(PrincipalType.IAM_USER, arn, account, lastSegment(resource));
            }
            if (resource.startsWith("role/") && resource.length() > 5) {
                return new Principal(PrincipalType.ROLE, arn, account, lastSegment(resource));
            }
        } else if (service.equals("sts")) {
            String[] segments = resource.split("/", -1);
            if (segments.length == 3 && segments[0].equals("assumed-role")
                    && !segments[1].isEmpty() && !segments[2].isEmpty()) {
                return new Principal(PrincipalType.ASSUMED_ROLE, arn, account, segments[1]);
            }
            if (segments.length == 2 && segments[0].equals("federated-user") && !segments[1].isEmpty()) {
                return new Principal(PrincipalType.FEDERATED_USER, arn, account, segments[1]);
            }
        }
        throw new IllegalArgumentException("not a principal ARN: " + arn);
    }

    /** An AWS service principal, e.g. {@code ec2.amazonaws.com}. */
    public static Principal service(String serviceName) {
        return new Principal(PrincipalType.SERVICE, null, null, Objects.requireNonNull(serviceName));
    }

    /** An identity provider calling through AssumeRoleWithSAML or AssumeRoleWithWebIdentity. */
    public static Principal federated(String provider, String accountId) {
        return new Principal(PrincipalType.FEDERATED, null, accountId, Objects.requireNonNull(provider));
    }

    /** An unauthenticated caller. */
    public static Principal anonymous() {
        return new Principal(PrincipalType.ANONYMOUS, null, null, null);
    }

    private static boolean isAccountId(String text) {
        if (text.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String lastSegment(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
