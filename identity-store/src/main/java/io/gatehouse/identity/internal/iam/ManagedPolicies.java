package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the managed-policy, attachment and inline-policy actions share: finding a policy the
 * caller's account may see (its own, or a Gatehouse-managed {@code arn:aws:iam::aws:policy/...}),
 * refusing changes to Gatehouse-managed ones, validating documents with the policy engine, the
 * {@code Policy} XML structure and the account-scoped usage counts.
 */
final class ManagedPolicies {
    static final int MAX_DOCUMENT = 6_144;
    static final int MAX_VERSIONS = 5;
    static final int MAX_NAME = 128;
    static final String AWS_PREFIX = "arn:aws:iam::aws:policy/";
    /** botocore's policyPathType. */
    static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
    private static final Pattern DOCUMENT_CHARS = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    private static final Pattern ARN = Pattern.compile("arn:aws:iam::(aws|\\d{12}):policy/.+");
    private static final PolicyEngine ENGINE = PolicyEngine.create();
    /** Principals of an account holding attachments: the unique ids of its users, groups and roles. */
    private static final String IN_ACCOUNT = "(a.principalId in (select u.id from UserEntity u where u.accountId = :account)"
            + " or a.principalId in (select g.id from GroupEntity g where g.accountId = :account)"
            + " or a.principalId in (select r.id from RoleEntity r where r.accountId = :account))";

    private ManagedPolicies() {}

    /** A policy ARN parameter, checked for length and form (InvalidInput as AWS words it). */
    static String arn(AwsCall call, String parameter) {
        String arn = Constraints.length(call.params().required(parameter), Character.toLowerCase(parameter.charAt(0))
                + parameter.substring(1), 20, 2048);
        if (!ARN.matcher(arn).matches()) {
            throw AwsException.invalidInput("ARN " + arn + " is not valid.");
        }
        return arn;
    }

    /** The policy with this ARN if the account may see it (its own or a Gatehouse-managed one). */
    static PolicyEntity visible(String account, String arn) {
        PolicyEntity policy = PolicyEntity.byArn(arn).orElse(null);
        if (policy == null || (policy.accountId != null && !policy.accountId.equals(account))) {
            return null;
        }
        return policy;
    }

    static AwsException notFound(String arn) {
        return AwsException.noSuchEntity("Policy " + arn + " was not found.");
    }

    static boolean awsManaged(PolicyEntity policy) {
        return policy.accountId == null;
    }

    /**
     * Refuses any change to a Gatehouse-managed policy as AWS refuses changes to its own: the
     * caller is not allowed to act on a resource of the {@code aws} account, whatever its policies say.
     */
    static void requireChangeable(AwsCall call, String action, PolicyEntity policy) {
        if (awsManaged(policy)) {
            throw AwsException.accessDenied("User: " + call.caller().principal().arn() + " is not authorized to perform: "
                    + action + " on resource: policy " + policy.arn);
        }
    }

    /**
     * Validates an identity-based document; the engine's message (naming statement and field)
     * becomes MalformedPolicyDocument.
     */
    static String document(String document, String member, int maxSize) {
        Constraints.length(document, member, 1, 131_072);
        Constraints.pattern(document, member, DOCUMENT_CHARS);
        try {
            ENGINE.compile(document, PolicyKind.IDENTITY, maxSize);
        } catch (MalformedPolicyException e) {
            throw AwsException.malformedPolicy(e.getMessage());
        }
        return document;
    }

    /** Characters excluding white space, as IAM counts policy sizes. */
    static int size(String document) {
        int size = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                size++;
            }
        }
        return size;
    }


    static String path(String value, String member) {
        Constraints.length(value, member, 1, 512);
        Constraints.pattern(value, member, POLICY_PATH);
        return value;
    }

    /** How many users, groups and roles of the account have the policy attached. */
    static long attachmentCount(String account, PolicyEntity policy) {
        return AttachmentEntity.getEntityManager().createQuery("select count(a) from AttachmentEntity a where "
                + "a.policyId = :policy and " + IN_ACCOUNT, Long.class).setParameter("policy", policy.id)
                .setParameter("account", account).getSingleResult();
    }

    /** Attachment counts per policy id within the account (one query, for listings). */
    static Map<String, Long> attachmentCounts(String account) {
        List<Object[]> rows = AttachmentEntity.getEntityManager().createQuery(
                "select a.policyId, count(a) from AttachmentEntity a where " + IN_ACCOUNT + " group by a.policyId",
                Object[].class).setParameter("account", account).getResultList();
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put((String) r[0], (Long) r[1]));
        return counts;
    }

    /** How many users and roles of the account use the policy as their permissions boundary. */
    static long boundaryCount(String account, String arn) {
        return UserEntity.count("accountId = ?1 and boundaryArn = ?2", account, arn)
                + RoleEntity.count("accountId = ?1 and boundaryArn = ?2", account, arn);
    }

    /** Boundary usage counts per policy ARN within the account. */
    static Map<String, Long> boundaryCounts(String account) {
        Map<String, Long> counts = new HashMap<>();
        for (String entity : List.of("UserEntity", "RoleEntity")) {
            UserEntity.getEntityManager().createQuery("select e.boundaryArn, count(e) from " + entity
                    + " e where e.accountId = :account and e.boundaryArn is not null group by e.boundaryArn", Object[].class)
                    .setParameter("account", account).getResultList()
                    .forEach(r -> counts.merge((String) r[0], (Long) r[1], Long::sum));
        }
        return counts;
    }

    /**
     * The {@code Policy} structure. {@code full} adds Description and Tags (GetPolicy,
     * CreatePolicy); ListPolicies omits them, as AWS does.
     */
    static void write(XmlWriter xml, PolicyEntity policy, long attachments, long boundaries, boolean full,
            Map<String, String> tags) {
        xml.element("PolicyName", policy.name).element("PolicyId", policy.id).element("Arn", policy.arn)
                .element("Path", policy.path).element("DefaultVersionId", policy.defaultVersion)
                .element("AttachmentCount", attachments).element("PermissionsBoundaryUsageCount", boundaries)
                .element("IsAttachable", true);
        if (full) {
            xml.element("Description", policy.description);
        }
        xml.element("CreateDate", policy.createdAt).element("UpdateDate", policy.updatedAt);
        if (full) {
            Tags.write(xml, tags);
        }
    }

    static AwsReply.Resource resource(PolicyEntity policy) {
        return new AwsReply.Resource("AWS::IAM::Policy", policy.arn, policy.accountId);
    }
}
