package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import io.gatehouse.identity.persistence.AccountAliasEntity;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.GroupEntity;
import io.gatehouse.identity.persistence.MfaDeviceEntity;
import io.gatehouse.identity.persistence.OidcProviderEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.SamlProviderEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Account-level reads and the account alias: GetAccountSummary, GetAccountAuthorizationDetails
 * (see {@link AuthorizationDetails}), CreateAccountAlias, ListAccountAliases and DeleteAccountAlias.
 * An account has at most one alias, unique across all accounts; creating another replaces it.
 */
@ApplicationScoped
public class AccountActions implements IamActionGroup {
    private static final Pattern ALIAS = Pattern.compile("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");

    @Inject
    Guard guard;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("GetAccountSummary", this::summary, "GetAccountAuthorizationDetails", this::details,
                "CreateAccountAlias", this::createAlias, "ListAccountAliases", this::listAliases,
                "DeleteAccountAlias", this::deleteAlias);
    }

    private AwsReply summary(AwsCall call) {
        String account = Guard.account(call);
        guard.require(call, "iam:GetAccountSummary", "*");
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("Users", UserEntity.count("accountId", account));
        summary.put("UsersQuota", 5000L);
        summary.put("Groups", GroupEntity.count("accountId", account));
        summary.put("GroupsQuota", 300L);
        summary.put("GroupsPerUserQuota", 10L);
        summary.put("Roles", RoleEntity.count("accountId", account));
        summary.put("RolesQuota", 1000L);
        summary.put("Policies", PolicyEntity.count("accountId", account));
        summary.put("PoliciesQuota", 1500L);
        summary.put("PolicySizeQuota", 6144L);
        summary.put("PolicyVersionsInUse", attachmentsInAccount(account));
        summary.put("PolicyVersionsInUseQuota", 10000L);
        summary.put("VersionsPerPolicyQuota", 5L);
        summary.put("UserPolicySizeQuota", 2048L);
        summary.put("GroupPolicySizeQuota", 5120L);
        summary.put("RolePolicySizeQuota", 10240L);
        summary.put("AssumeRolePolicySizeQuota", 2048L);
        summary.put("AttachedPoliciesPerUserQuota", 10L);
        summary.put("AttachedPoliciesPerGroupQuota", 10L);
        summary.put("AttachedPoliciesPerRoleQuota", 10L);
        summary.put("AccessKeysPerUserQuota", (long) AccessKeyActions.MAX_KEYS_PER_USER);
        summary.put("SigningCertificatesPerUserQuota", 2L);
        summary.put("ServerCertificates", 0L);
        summary.put("ServerCertificatesQuota", 20L);
        summary.put("InstanceProfiles", 0L);
        summary.put("InstanceProfilesQuota", 1000L);
        summary.put("MFADevices", MfaDeviceEntity.count("accountId", account));
        summary.put("MFADevicesInUse",
                MfaDeviceEntity.count("accountId = ?1 and userId is not null and enabledAt is not null", account));
        summary.put("Providers", SamlProviderEntity.count("accountId", account)
                + OidcProviderEntity.count("accountId", account));
        // The root user has no MFA, password or signing certificate in Gatehouse; root access keys
        // are access keys of the account that belong to no IAM user.
        summary.put("AccountMFAEnabled", 0L);
        summary.put("AccountPasswordPresent", 0L);
        summary.put("AccountAccessKeysPresent",
                AccessKeyEntity.count("accountId = ?1 and userId is null", account) > 0 ? 1L : 0L);
        summary.put("AccountSigningCertificatesPresent", 0L);
        summary.put("GlobalEndpointTokenVersion", 1L);
        XmlWriter xml = new XmlWriter().start("SummaryMap");
        summary.forEach((k, v) -> xml.start("entry").element("key", k).element("value", v).end("entry"));
        return AwsReply.read(xml.end("SummaryMap").toString());
    }

    /** Managed-policy attachments of the account's users, groups and roles. */
    static long attachmentsInAccount(String account) {
        return AttachmentEntity.count("principalId in (select u.id from UserEntity u where u.accountId = ?1)"
                + " or principalId in (select g.id from GroupEntity g where g.accountId = ?1)"
                + " or principalId in (select r.id from RoleEntity r where r.accountId = ?1)", account);
    }

    private AwsReply details(AwsCall call) {
        String account = Guard.account(call);
        List<String> filter = call.params().list("Filter");
        Page page = Page.of(call.params());
        guard.require(call, "iam:GetAccountAuthorizationDetails", "*");
        return AwsReply.read(AuthorizationDetails.write(account, filter, page));
    }

    private AwsReply createAlias(AwsCall call) {
        String account = Guard.account(call);
        String alias = alias(call);
        guard.require(call, "iam:CreateAccountAlias", "*");
        AccountAliasEntity existing = AccountAliasEntity.findById(alias);
        if (existing != null) {
            throw AwsException.alreadyExists("The account alias " + alias + " already exists.");
        }
        AccountAliasEntity.delete("accountId", account);
        AccountAliasEntity entity = new AccountAliasEntity();
        entity.alias = alias;
        entity.accountId = account;
        entity.persist();
        return Replies.write(null, null, new AwsReply.Resource("AWS::IAM::AccountAlias", alias, account));
    }

    private AwsReply listAliases(AwsCall call) {
        String account = Guard.account(call);
        Page page = Page.of(call.params());
        guard.require(call, "iam:ListAccountAliases", "*");
        List<AccountAliasEntity> aliases = AccountAliasEntity.<AccountAliasEntity>find(
                "accountId = ?1 and alias > ?2 order by alias", account, page.after() == null ? "" : page.after())
                .page(0, page.maxItems() + 1).list();
        // Members are bare strings, which Page.write (structures) does not produce.
        boolean truncated = aliases.size() > page.maxItems();
        List<AccountAliasEntity> shown = truncated ? aliases.subList(0, page.maxItems()) : aliases;
        XmlWriter xml = new XmlWriter().start("AccountAliases");
        shown.forEach(a -> xml.element("member", a.alias));
        xml.end("AccountAliases").element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(shown.get(shown.size() - 1).alias.getBytes(StandardCharsets.UTF_8)));
        }
        return AwsReply.read(xml.toString());
    }

    private AwsReply deleteAlias(AwsCall call) {
        String account = Guard.account(call);
        String alias = alias(call);
        guard.require(call, "iam:DeleteAccountAlias", "*");
        AccountAliasEntity existing = AccountAliasEntity.findById(alias);
        if (existing == null || !existing.accountId.equals(account)) {
            throw AwsException.noSuchEntity("The account alias " + alias + " cannot be found.");
        }
        existing.delete();
        return Replies.write(null, null, new AwsReply.Resource("AWS::IAM::AccountAlias", alias, account));
    }

    private static String alias(AwsCall call) {
        String alias = call.params().required("AccountAlias");
        Constraints.length(alias, "accountAlias", 3, 63);
        Constraints.pattern(alias, "accountAlias", ALIAS);
        return alias;
    }
}
