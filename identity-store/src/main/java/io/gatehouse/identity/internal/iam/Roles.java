package io.gatehouse.identity.internal.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the role operations share: finding a role once the caller may ask about it, validating
 * trust policies and descriptions as IAM does, and the {@code Role} structure of responses.
 */
final class Roles {
    static final int MAX_NAME = 64;
    /** IAM's limit on a trust policy, in characters excluding white space. */
    static final int MAX_TRUST_POLICY = 2_048;
    static final int MIN_SESSION = 3_600;
    static final int MAX_SESSION = 43_200;
    /** Where IAM Identity Center provisions its roles (see internal.sso.Provisioning). */
    static final String RESERVED_SSO_PATH = "/aws-reserved/sso.amazonaws.com/";
    private static final Pattern POLICY_CHARS = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    private static final Pattern DESCRIPTION = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    private static final PolicyEngine ENGINE = PolicyEngine.create();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IAM_PRINCIPAL = Pattern.compile("arn:aws:iam::([0-9]{12}):(user|role)/.+");

    private Roles() {}

    /** The validated RoleName parameter. */
    static String name(QueryParams params) {
        return Constraints.name(params.required("RoleName"), "roleName", MAX_NAME);
    }

    /**
     * Authorizes {@code action} on the named role, with its tags as aws:ResourceTag/* and
     * {@code requestTags} as aws:RequestTag/* and aws:TagKeys, then returns the role. A missing
     * role is authorized on its ARN under the root path and only then reported as NoSuchEntity.
     */
    static RoleEntity authorized(Guard guard, AwsCall call, String action, String name, Map<String, String> requestTags,
            Map<String, List<String>> extraContext) {
        String account = Guard.account(call);
        RoleEntity role = RoleEntity.byName(account, name).orElse(null);
        Map<String, List<String>> context = Guard.tagContext(requestTags, role == null ? null : Tags.of(role.id));
        context.putAll(extraContext);
        guard.require(call, action, role != null ? role.arn : Arns.iam(account, "role", "/", name), context);
        if (role == null) {
            throw AwsException.noSuchEntity("The role with name " + name + " cannot be found.");
        }
        requireModifiable(role.name, role.arn, action);
        return role;
    }

    /**
     * Refuses changes to the roles IAM Identity Center provisions (under
     * {@code /aws-reserved/sso.amazonaws.com/}) as AWS refuses changes to its service roles:
     * UnmodifiableEntity. Reads (Get*, List*) stay allowed.
     */
    static void requireModifiable(String roleName, String roleArn, String action) {
        boolean read = action.startsWith("iam:Get") || action.startsWith("iam:List");
        if (!read && roleArn.contains(":role" + RESERVED_SSO_PATH)) {
            throw new AwsException("UnmodifiableEntity", 400, "Cannot perform the operation on the protected role '"
                    + roleName + "' - this role is only modifiable by AWS");
        }
    }

    static RoleEntity authorized(Guard guard, AwsCall call, String action, String name) {
        return authorized(guard, call, action, name, null, Map.of());
    }

    /** A trust policy checked against the model's constraints, then the policy grammar for trust policies. */
    static String trustPolicy(String document, String member) {
        Constraints.length(document, member, 1, 131_072);
        Constraints.pattern(document, member, POLICY_CHARS);
        try {
            ENGINE.compile(document, PolicyKind.TRUST, MAX_TRUST_POLICY);
        } catch (MalformedPolicyException e) {
            throw AwsException.malformedPolicy(e.getMessage());
        }
        principalsExist(document);
        return document;
    }

    /**
     * AWS refuses a trust policy that names an IAM user or role that does not exist ("Invalid
     * principal in policy"). Gatehouse knows the accounts it holds, so it checks the users and roles
     * named in those; a principal of an account it does not hold (another system's) is accepted.
     */
    private static void principalsExist(String document) {
        JsonNode statements;
        try {
            statements = JSON.readTree(document).get("Statement");
        } catch (JsonProcessingException e) {
            return; // compiled above, so it parses; nothing to check otherwise
        }
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            for (String element : List.of("Principal", "NotPrincipal")) {
                JsonNode aws = statement.path(element).path("AWS");
                for (JsonNode value : aws.isArray() ? aws : List.of(aws)) {
                    Matcher arn = IAM_PRINCIPAL.matcher(value.asText(""));
                    if (!arn.matches() || AccountEntity.findById(arn.group(1)) == null) {
                        continue;
                    }
                    boolean exists = arn.group(2).equals("user") ? UserEntity.count("arn", value.asText()) > 0
                            : RoleEntity.count("arn", value.asText()) > 0;
                    if (!exists) {
                        throw AwsException.malformedPolicy("Invalid principal in policy: \"AWS\":\"" + value.asText()
                                + "\"");
                    }
                }
            }
        }
    }

    /** A description of 0..1000 characters of the allowed set; an empty one is stored as none. */
    static String description(String value) {
        Constraints.length(value, "description", 0, 1000);
        Constraints.pattern(value, "description", DESCRIPTION);
        return value.isEmpty() ? null : value;
    }

    /** MaxSessionDuration in seconds (3600..43200), refused in AWS's wording. */
    static Integer maxSessionDuration(QueryParams params) {
        Integer value = params.integer("MaxSessionDuration", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(null);
        if (value != null && (value < MIN_SESSION || value > MAX_SESSION)) {
            throw AwsException.validation("1 validation error detected: Value '" + value
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value "
                    + (value < MIN_SESSION ? "greater than or equal to " + MIN_SESSION
                            : "less than or equal to " + MAX_SESSION));
        }
        return value;
    }


    /** The fields ListRoles returns: no tags, boundary or last use, as AWS does. */
    static void basic(XmlWriter xml, RoleEntity role) {
        xml.element("Path", role.path).element("RoleName", role.name).element("RoleId", role.id)
                .element("Arn", role.arn).element("CreateDate", role.createdAt)
                .element("AssumeRolePolicyDocument", Replies.urlEncoded(role.trustPolicy))
                .element("Description", role.description).element("MaxSessionDuration", role.maxSessionDuration);
    }

    /** The full {@code Role} structure of GetRole, CreateRole and UpdateRoleDescription. */
    static void full(XmlWriter xml, RoleEntity role, Map<String, String> tags) {
        basic(xml, role);
        UserXml.boundary(xml, role.boundaryArn);
        Tags.write(xml, tags);
        xml.start("RoleLastUsed").element("LastUsedDate", role.lastUsedAt).element("Region", role.lastUsedRegion)
                .end("RoleLastUsed");
    }

    /** {@code <Role>...</Role>}. */
    static XmlWriter xml(RoleEntity role, Map<String, String> tags) {
        XmlWriter xml = new XmlWriter().start("Role");
        full(xml, role, tags);
        return xml.end("Role");
    }

    /** The role as the audit record lists it. */
    static AwsReply.Resource resource(RoleEntity role) {
        return new AwsReply.Resource("AWS::IAM::Role", role.arn, role.accountId);
    }
}
