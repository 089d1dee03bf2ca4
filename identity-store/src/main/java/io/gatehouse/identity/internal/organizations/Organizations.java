package io.gatehouse.identity.internal.organizations;

import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.OrgAccountEntity;
import io.gatehouse.identity.persistence.OrgAttachmentEntity;
import io.gatehouse.identity.persistence.OrgEntity;
import io.gatehouse.identity.persistence.OrgPolicyEntity;
import io.gatehouse.identity.persistence.OrgUnitEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The instance's one organization: created at start when missing (on a new database, or the first
 * start of a database from before organizations), with the bootstrap account as its management
 * account, a root with the SCP policy type enabled, the AWS managed FullAWSAccess attached to the
 * root, and every existing account under the root. Also ids and ARNs in AWS's formats.
 */
@ApplicationScoped
public class Organizations {
    private static final Logger LOG = Logger.getLogger(Organizations.class);
    static final String FULL_AWS_ACCESS = "p-FullAWSAccess";
    static final String SCP = "SERVICE_CONTROL_POLICY";
    static final String FULL_AWS_ACCESS_CONTENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    /** Creates the organization if there is none and a management account exists; in a transaction. */
    public void ensure() {
        if (OrgEntity.count() > 0) {
            return;
        }
        AccountEntity management = AccountEntity.<AccountEntity>find("management", true).firstResult();
        if (management == null) {
            return;
        }
        Instant now = clock.instant();
        OrgEntity org = new OrgEntity();
        org.id = "o-" + draw(10);
        org.managementAccountId = management.id;
        org.createdAt = now;
        org.persist();
        OrgUnitEntity root = new OrgUnitEntity();
        root.id = "r-" + draw(4);
        root.name = "Root";
        root.depth = 0;
        root.createdAt = now;
        root.persist();
        if (OrgPolicyEntity.findById(FULL_AWS_ACCESS) == null) {
            OrgPolicyEntity full = new OrgPolicyEntity();
            full.id = FULL_AWS_ACCESS;
            full.name = "FullAWSAccess";
            full.description = "Allows access to every operation";
            full.type = SCP;
            full.awsManaged = true;
            full.content = FULL_AWS_ACCESS_CONTENT;
            full.createdAt = now;
            full.persist();
        }
        attachFullAccess(root.id);
        for (AccountEntity account : AccountEntity.<AccountEntity>listAll()) {
            OrgAccountEntity member = new OrgAccountEntity();
            member.accountId = account.id;
            member.parentId = root.id;
            member.joinedMethod = account.management ? "INVITED" : "CREATED";
            member.joinedAt = account.createdAt;
            member.persist();
            attachFullAccess(account.id);
        }
        LOG.infof("organization %s with root %s, managed by account %s", org.id, root.id, management.id);
    }

    /** Attaches FullAWSAccess to a new root, OU or account, as AWS does. */
    static void attachFullAccess(String targetId) {
        OrgAttachmentEntity attachment = new OrgAttachmentEntity();
        attachment.policyId = FULL_AWS_ACCESS;
        attachment.targetId = targetId;
        attachment.persist();
    }

    /** The organization, or null before {@link #ensure} made it. */
    public OrgEntity current() {
        return OrgEntity.<OrgEntity>findAll().firstResult();
    }

    /** The root. */
    static OrgUnitEntity root() {
        return OrgUnitEntity.<OrgUnitEntity>find("parentId is null").firstResult();
    }

    static String ouId(String rootId) {
        return "ou-" + rootId.substring(2) + "-" + draw(8);
    }

    static String policyId() {
        return "p-" + draw(8);
    }

    static String createRequestId() {
        StringBuilder out = new StringBuilder("car-");
        for (int i = 0; i < 32; i++) {
            out.append("0123456789abcdef".charAt(RANDOM.nextInt(16)));
        }
        return out.toString();
    }

    private static String draw(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALNUM.charAt(RANDOM.nextInt(ALNUM.length()));
        }
        return new String(out);
    }

    static String orgArn(OrgEntity org) {
        return "arn:aws:organizations::" + org.managementAccountId + ":organization/" + org.id;
    }

    static String unitArn(OrgEntity org, OrgUnitEntity unit) {
        return "arn:aws:organizations::" + org.managementAccountId + ":" + (unit.isRoot() ? "root/" : "ou/") + org.id
                + "/" + unit.id;
    }

    static String accountArn(OrgEntity org, String accountId) {
        return "arn:aws:organizations::" + org.managementAccountId + ":account/" + org.id + "/" + accountId;
    }

    static String policyArn(OrgEntity org, OrgPolicyEntity policy) {
        return policy.awsManaged ? "arn:aws:organizations::aws:policy/service_control_policy/" + policy.id
                : "arn:aws:organizations::" + org.managementAccountId + ":policy/" + org.id
                        + "/service_control_policy/" + policy.id;
    }
}
