package io.gatehouse.identity.internal.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.internal.iam.Guard;
import io.gatehouse.identity.internal.organizations.OrganizationsService.OrgCall;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgCreateStatusEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CreateAccount (synchronous: the account, its access role and its status record in the call's
 * transaction), DescribeCreateAccountStatus, ListCreateAccountStatus, DescribeAccount,
 * ListAccounts, ListAccountsForParent, MoveAccount and CloseAccount.
 */
@ApplicationScoped
public class AccountOperations {
    static final String TYPE = "AWS::Organizations::Account";
    private static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

    @Inject
    Clock clock;

    JsonReply create(OrgCall call) {
        JsonNode in = call.in();
        String email = OrgInput.required(in, "Email", 6, 64, OrgInput.EMAIL);
        String name = OrgInput.required(in, "AccountName", 1, 50, OrgInput.ACCOUNT_NAME);
        String roleName = OrgInput.optional(in, "RoleName", 1, 64, OrgInput.ROLE_NAME);
        OrgInput.enumValue(in, "IamUserAccessToBilling", false, "ALLOW", "DENY");
        Map<String, String> tags = OrgInput.tags(in);
        call.authorize(Organizations.orgArn(call.org()), Guard.tagContext(tags, null));
        Instant now = clock.instant();
        OrgCreateStatusEntity status = new OrgCreateStatusEntity();
        status.id = Organizations.createRequestId();
        status.accountName = name;
        status.requestedAt = now;
        status.completedAt = now;
        String emailLower = email.toLowerCase(Locale.ROOT);
        if (AccountEntity.count("emailLower", emailLower) > 0) {
            status.state = "FAILED";
            status.failureReason = "EMAIL_ALREADY_EXISTS";
            status.persist();
            return call.changed(wrap(status), TYPE, Organizations.orgArn(call.org()));
        }
        AccountEntity account = new AccountEntity();
        do {
            account.id = AwsIds.accountId();
        } while (AccountEntity.findById(account.id) != null);
        account.name = name;
        account.email = email;
        account.emailLower = emailLower;
        account.status = "ACTIVE";
        account.management = false;
        account.createdAt = now;
        if (!tags.isEmpty()) {
            // As AWS: tagging at creation also needs organizations:TagResource, on the new account.
            call.authorizeAlso("organizations:TagResource", Organizations.accountArn(call.org(), account.id),
                    Guard.tagContext(tags, null));
        }
        account.persist();
        OrgAccountEntity member = new OrgAccountEntity();
        member.accountId = account.id;
        member.parentId = Organizations.root().id;
        member.joinedMethod = "CREATED";
        member.joinedAt = now;
        member.persist();
        Organizations.attachFullAccess(account.id);
        accessRole(account.id, roleName == null ? DEFAULT_ROLE : roleName, call.org().managementAccountId, now);
        OrgTags.put(account.id, tags);
        status.state = "SUCCEEDED";
        status.accountId = account.id;
        status.persist();
        return call.changed(wrap(status), TYPE, Organizations.accountArn(call.org(), account.id));
    }

    /** The role the management account's principals assume to administer the new account. */
    private static void accessRole(String accountId, String name, String managementId, Instant now) {
        RoleEntity role = new RoleEntity();
        role.id = AwsIds.roleId();
        role.accountId = accountId;
        role.name = name;
        role.nameLower = name.toLowerCase(Locale.ROOT);
        role.path = "/";
        role.arn = "arn:aws:iam::" + accountId + ":role/" + name;
        role.trustPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + managementId + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        role.maxSessionDuration = 3600;
        role.createdAt = now;
        role.persist();
        AttachmentEntity admin = new AttachmentEntity();
        admin.principalId = role.id;
        admin.policyId = PolicyEntity.byArn("arn:aws:iam::aws:policy/AdministratorAccess").orElseThrow().id;
        admin.principalType = "ROLE";
        admin.persist();
    }

    private static ObjectNode wrap(OrgCreateStatusEntity status) {
        ObjectNode out = OrgWire.object();
        out.set("CreateAccountStatus", OrgWire.createStatus(status));
        return out;
    }

    JsonReply describeStatus(OrgCall call) {
        String id = OrgInput.required(call.in(), "CreateAccountRequestId", 1, 36, OrgInput.CREATE_REQUEST_ID);
        call.authorizeOrganization();
        OrgCreateStatusEntity status = OrgCreateStatusEntity.findById(id);
        if (status == null) {
            throw OrgInput.error("CreateAccountStatusNotFoundException", "We can't find an create account request"
                    + " with the CreateAccountRequestId that you specified.");
        }
        return JsonReply.read(wrap(status));
    }

    JsonReply listStatus(OrgCall call) {
        JsonNode in = call.in();
        List<String> states = new ArrayList<>();
        JsonNode filter = in.get("States");
        if (filter != null && !filter.isNull()) {
            if (!filter.isArray()) {
                throw new io.gatehouse.identity.AwsException("SerializationException", 400, "States must be a list");
            }
            for (JsonNode state : filter) {
                if (!state.isTextual() || !List.of("IN_PROGRESS", "SUCCEEDED", "FAILED").contains(state.asText())) {
                    throw OrgInput.invalid("INVALID_ENUM", "You specified an invalid value for States.");
                }
                states.add(state.asText());
            }
        }
        call.authorizeOrganization();
        List<String> wanted = states.isEmpty() ? List.of("IN_PROGRESS", "SUCCEEDED", "FAILED") : states;
        OrgPages.Page<OrgCreateStatusEntity> page = OrgPages.page(in, "status", (after, limit) ->
                OrgCreateStatusEntity.<OrgCreateStatusEntity>find("id > ?1 and state in ?2 order by id", after, wanted)
                        .range(0, limit - 1).list(), s -> s.id);
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("CreateAccountStatuses");
        page.items().forEach(s -> list.add(OrgWire.createStatus(s)));
        return JsonReply.read(next(out, page));
    }

    JsonReply describe(OrgCall call) {
        String id = OrgInput.required(call.in(), "AccountId", 1, 12, OrgInput.ACCOUNT_ID);
        call.authorize(Organizations.accountArn(call.org(), id));
        OrgAccountEntity member = OrgTree.member(id, false);
        ObjectNode out = OrgWire.object();
        out.set("Account", OrgWire.account(call.org(), OrgTree.account(id), member));
        return JsonReply.read(out);
    }

    JsonReply list(OrgCall call) {
        call.authorizeOrganization();
        return accounts(call, "accountId > ?1 order by accountId", List.of());
    }

    JsonReply listForParent(OrgCall call) {
        String parentId = OrgInput.required(call.in(), "ParentId", 1, 100, OrgInput.PARENT_ID);
        OrgUnitEntity parent = OrgTree.unit(parentId);
        call.authorize(parent == null ? Organizations.orgArn(call.org()) : Organizations.unitArn(call.org(), parent));
        OrgTree.parent(parentId);
        return accounts(call, "accountId > ?1 and parentId = ?2 order by accountId", List.of(parentId));
    }

    private static JsonReply accounts(OrgCall call, String query, List<Object> extra) {
        OrgPages.Page<OrgAccountEntity> page = OrgPages.page(call.in(), "account", (after, limit) -> {
            List<Object> params = new ArrayList<>();
            params.add(after);
            params.addAll(extra);
            return OrgAccountEntity.<OrgAccountEntity>find(query, params.toArray()).range(0, limit - 1).list();
        }, m -> m.accountId);
        ObjectNode out = OrgWire.object();
        ArrayNode list = out.putArray("Accounts");
        page.items().forEach(m -> list.add(OrgWire.account(call.org(), OrgTree.account(m.accountId), m)));
        return JsonReply.read(next(out, page));
    }

    static ObjectNode next(ObjectNode out, OrgPages.Page<?> page) {
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    JsonReply close(OrgCall call) {
        String id = OrgInput.required(call.in(), "AccountId", 1, 12, OrgInput.ACCOUNT_ID);
        String arn = Organizations.accountArn(call.org(), id);
        call.authorize(arn);
        OrgTree.member(id, true);
        AccountEntity account = OrgTree.account(id);
        if (account.management) {
            throw OrgInput.constraint("CANNOT_CLOSE_MANAGEMENT_ACCOUNT", "You can't close the management account of"
                    + " an organization.");
        }
        if (!"ACTIVE".equals(account.status)) {
            throw OrgInput.error("AccountAlreadyClosedException", "You attempted to close an account that is already"
                    + " closed.");
        }
        account.status = "SUSPENDED";
        // Its keys' cached callers and its principals' policy sets are dropped on every replica.
        PolicySets.invalidate(id);
        return call.changed(OrgWire.object(), TYPE, arn);
    }

    JsonReply move(OrgCall call) {
        JsonNode in = call.in();
        String id = OrgInput.required(in, "AccountId", 1, 12, OrgInput.ACCOUNT_ID);
        String sourceId = OrgInput.required(in, "SourceParentId", 1, 100, OrgInput.PARENT_ID);
        String destinationId = OrgInput.required(in, "DestinationParentId", 1, 100, OrgInput.PARENT_ID);
        String arn = Organizations.accountArn(call.org(), id);
        call.authorize(arn);
        OrgAccountEntity member = OrgTree.member(id, true);
        OrgTree.parent(sourceId, "SourceParentNotFoundException", "We can't find a source root or OU with the"
                + " ParentId that you specified.");
        OrgTree.parent(destinationId, "DestinationParentNotFoundException", "We can't find a destination root or OU"
                + " with the ParentId that you specified.");
        if (!member.parentId.equals(sourceId)) {
            throw OrgInput.error("AccountNotFoundException", "We can't find an AWS account with the AccountId that you"
                    + " specified in the SourceParentId that you specified.");
        }
        if (member.parentId.equals(destinationId)) {
            throw OrgInput.error("DuplicateAccountException", "That account is already present in the specified"
                    + " destination.");
        }
        member.parentId = destinationId;
        // The account's guardrail chain changed.
        PolicySets.invalidate(id);
        return call.changed(OrgWire.object(), TYPE, arn);
    }
}
