package io.gatehouse.identity.internal.auth;

import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.identity.RequestStart;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.GroupMemberEntity;
import io.gatehouse.identity.persistence.InlinePolicyEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.PolicyVersionEntity;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PreparedPolicySet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers a principal's identity-based policies and boundary from the store and keeps them
 * compiled and prepared. An entry is valid while its account's policy epoch is unchanged: every
 * change to policies, attachments, memberships or boundaries bumps the epoch in the database, so
 * every replica drops stale entries on the next request, with one primary-key read.
 */
@ApplicationScoped
public class PolicySets {
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_DOCUMENTS = 50_000;

    private record Entry(long epoch, List<Policy> identity, Policy boundary, List<List<Policy>> scp) {}

    private final PolicyEngine engine = PolicyEngine.create();
    private final Map<String, Entry> byPrincipal = new ConcurrentHashMap<>();
    private final Map<String, Policy> documents = new ConcurrentHashMap<>();

    @Inject
    AccountStates accounts;

    /**
     * The identity policies (own, groups', attached and inline) and boundary of a user or role, and
     * the service control policies of its account's chain when the account is a member account.
     */
    public PolicySet identityPolicies(String accountId, String principalId, boolean isUser, String boundaryArn) {
        long epoch = accounts.epoch(accountId);
        Entry entry = byPrincipal.get(principalId);
        if (entry == null || entry.epoch() != epoch) {
            entry = load(accountId, principalId, isUser, boundaryArn, epoch);
            if (byPrincipal.size() > MAX_ENTRIES) {
                byPrincipal.clear();
            }
            byPrincipal.put(principalId, entry);
        }
        PolicySet.Builder set = PolicySet.builder().identity(entry.identity()).boundary(entry.boundary());
        if (entry.scp() != null) {
            entry.scp().forEach(set::scpLevel);
        }
        return set.build();
    }

    /** Prepares a set for evaluation. */
    public PreparedPolicySet prepare(PolicySet set) {
        return engine.prepare(set);
    }

    /**
     * Bumps the account's policy epoch: call in the transaction of any change that affects policies.
     * The bump starts from the state the request relied on, if it relied on one
     * ({@link AccountStates#bumpEpoch}).
     *
     * @throws PreconditionFailedException when the state the request relied on has moved
     */
    public static void invalidate(String accountId) {
        AccountStates.bumpEpoch(accountId);
    }

    /**
     * Bumps the policy epoch of every member account: call in the transaction of any change to the
     * organization's guardrails (an SCP's content, an attachment), which may reach any of them. A
     * request that relied on a member account's state without reading it is then made again (its
     * record's check finds the bump); such changes are made from the management account.
     */
    public static void invalidateMembers() {
        RequestStart.changedState();
        AccountEntity.update("policyEpoch = policyEpoch + 1 where management = false");
    }

    private Entry load(String accountId, String principalId, boolean isUser, String boundaryArn, long epoch) {
        List<String> holders = new ArrayList<>();
        holders.add(principalId);
        if (isUser) {
            GroupMemberEntity.<GroupMemberEntity>list("userId", principalId).forEach(m -> holders.add(m.groupId));
        }
        List<Policy> identity = new ArrayList<>();
        for (AttachmentEntity a : AttachmentEntity.<AttachmentEntity>list("principalId in ?1", holders)) {
            PolicyEntity policy = PolicyEntity.findById(a.policyId);
            if (policy != null) {
                identity.add(managed(policy));
            }
        }
        for (InlinePolicyEntity inline : InlinePolicyEntity.<InlinePolicyEntity>list("principalId in ?1", holders)) {
            // Keyed by the document's digest, not its hashCode: a colliding new document (a revocation
            // policy with a new date) must never be served the old one's compiled form.
            identity.add(compile("inline:" + inline.principalId + ":" + inline.nameLower + ":" + digest(inline.document),
                    inline.document, PolicyKind.IDENTITY));
        }
        Policy boundary = null;
        if (boundaryArn != null) {
            boundary = PolicyEntity.<PolicyEntity>find("arn", boundaryArn).firstResultOptional().map(this::managed)
                    .orElse(null);
        }
        List<List<Policy>> scp = ServiceControlPolicies.levels(accountId,
                p -> compile("scp:" + p.id + ":" + digest(p.content), p.content, PolicyKind.SCP));
        return new Entry(epoch, List.copyOf(identity), boundary, scp);
    }

    /** The default version of a managed policy, compiled once per version. */
    public Policy managed(PolicyEntity policy) {
        String key = "managed:" + policy.id + ":" + policy.defaultVersion;
        Policy cached = documents.get(key);
        if (cached != null) {
            return cached;
        }
        PolicyVersionEntity version = PolicyVersionEntity.find("policyId = ?1 and versionId = ?2", policy.id,
                policy.defaultVersion).firstResult();
        return compile(key, version.document, PolicyKind.IDENTITY);
    }

    private static String digest(String document) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Policy compile(String key, String document, PolicyKind kind) {
        return documents.computeIfAbsent(key, k -> {
            if (documents.size() > MAX_DOCUMENTS) {
                documents.clear();
            }
            try {
                return engine.compile(document, kind, Integer.MAX_VALUE);
            } catch (MalformedPolicyException e) {
                // Stored documents were validated on write; one that no longer parses denies nothing
                // and grants nothing rather than failing every request of its principal.
                return engine.compile("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"NotAction\":\"*\","
                        + "\"Resource\":\"*\"}}", kind);
            }
        });
    }
}
