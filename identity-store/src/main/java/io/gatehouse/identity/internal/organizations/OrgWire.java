package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgCreateStatusEntity;
import io.gatehouse.identity.persistence.OrgEntity;
import io.gatehouse.identity.persistence.OrgPolicyEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** The Organizations shapes: Account, Root, OrganizationalUnit, PolicySummary, CreateAccountStatus, Tag. */
final class OrgWire {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OrgWire() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Epoch seconds with milliseconds, as the JSON protocols write timestamps. */
    static void time(ObjectNode out, String name, Instant at) {
        if (at != null) {
            out.put(name, BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3));
        }
    }

    static ObjectNode account(OrgEntity org, AccountEntity account, OrgAccountEntity member) {
        ObjectNode out = object();
        out.put("Id", account.id);
        out.put("Arn", Organizations.accountArn(org, account.id));
        if (account.email != null) {
            out.put("Email", account.email);
        }
        out.put("Name", account.name);
        boolean active = "ACTIVE".equals(account.status);
        out.put("Status", active ? "ACTIVE" : "SUSPENDED");
        out.put("State", active ? "ACTIVE" : "SUSPENDED");
        out.put("JoinedMethod", member == null ? "CREATED" : member.joinedMethod);
        time(out, "JoinedTimestamp", member == null ? account.createdAt : member.joinedAt);
        return out;
    }

    static ObjectNode root(OrgEntity org, OrgUnitEntity root) {
        ObjectNode out = object();
        out.put("Id", root.id);
        out.put("Arn", Organizations.unitArn(org, root));
        out.put("Name", root.name);
        out.putArray("PolicyTypes").addObject().put("Type", Organizations.SCP).put("Status", "ENABLED");
        return out;
    }

    static ObjectNode unit(OrgEntity org, OrgUnitEntity unit) {
        return object().put("Id", unit.id).put("Arn", Organizations.unitArn(org, unit)).put("Name", unit.name);
    }

    static ObjectNode policySummary(OrgEntity org, OrgPolicyEntity policy) {
        return object().put("Id", policy.id).put("Arn", Organizations.policyArn(org, policy)).put("Name", policy.name)
                .put("Description", policy.description).put("Type", policy.type).put("AwsManaged", policy.awsManaged);
    }

    static ObjectNode policy(OrgEntity org, OrgPolicyEntity policy) {
        ObjectNode out = object();
        out.putObject("Policy").<ObjectNode>set("PolicySummary", policySummary(org, policy))
                .put("Content", policy.content);
        return out;
    }

    static ObjectNode createStatus(OrgCreateStatusEntity status) {
        ObjectNode out = object();
        out.put("Id", status.id);
        out.put("AccountName", status.accountName);
        out.put("State", status.state);
        time(out, "RequestedTimestamp", status.requestedAt);
        time(out, "CompletedTimestamp", status.completedAt);
        if (status.accountId != null) {
            out.put("AccountId", status.accountId);
        }
        if (status.failureReason != null) {
            out.put("FailureReason", status.failureReason);
        }
        return out;
    }

    static ArrayNode tags(Map<String, String> tags) {
        ArrayNode out = MAPPER.createArrayNode();
        tags.forEach((k, v) -> out.addObject().put("Key", k).put("Value", v));
        return out;
    }
}
