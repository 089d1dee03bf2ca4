package io.gatehouse.identity.internal;

import io.gatehouse.identity.RoleDirectory;
import io.gatehouse.identity.RoleInfo;
import io.gatehouse.identity.internal.auth.AccountStates;
import io.gatehouse.identity.persistence.RoleEntity;
import io.gatehouse.identity.persistence.TagEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Roles read from the IAM tables; roles of closed accounts are not found. A role found is cached
 * per replica and valid while its account's policy epoch is unchanged (every change to a role's
 * trust policy, maximum session duration, tags or existence bumps it), so AssumeRole's lookup costs
 * one primary-key read.
 */
@ApplicationScoped
public class StoreRoleDirectory implements RoleDirectory {
    private static final int MAX_ENTRIES = 100_000;

    private static final Logger LOG = Logger.getLogger(StoreRoleDirectory.class);
    private static final Duration USE_GRANULARITY = Duration.ofMinutes(1);

    private record Entry(long epoch, RoleInfo role) {}

    /** The last use written for a role (by this replica). */
    private record Use(Instant at, String region) {}

    private final Map<String, Use> writtenUses = new ConcurrentHashMap<>();

    private final Map<String, Entry> byArn = new ConcurrentHashMap<>();

    @Inject
    AccountStates accounts;

    @Override
    public Optional<RoleInfo> role(String roleArn) {
        if (roleArn == null) {
            return Optional.empty();
        }
        String[] parts = roleArn.split(":", 6);
        if (parts.length < 6 || parts[4].isEmpty()) {
            return Optional.empty();
        }
        // Read before the role it guards: read after, the epoch could be a bump that the loaded role
        // does not show yet. A closed (suspended) account's roles cannot be assumed: they are as if
        // they did not exist.
        AccountStates.State account = accounts.of(parts[4]);
        if (!account.active()) {
            return Optional.empty();
        }
        Entry cached = byArn.get(roleArn);
        if (cached != null && account.epoch() == cached.epoch()) {
            return Optional.of(cached.role());
        }
        Optional<RoleEntity> found = RoleEntity.<RoleEntity>find("arn", roleArn).firstResultOptional();
        if (found.isEmpty() || !found.get().accountId.equals(parts[4])) {
            byArn.remove(roleArn);
            return Optional.empty();
        }
        RoleEntity role = found.get();
        Map<String, String> tags = new HashMap<>();
        TagEntity.<TagEntity>list("entityId", role.id).forEach(t -> tags.put(t.key, t.value));
        RoleInfo info = new RoleInfo(role.arn, role.id, role.accountId, role.name, role.trustPolicy,
                role.maxSessionDuration, Map.copyOf(tags));
        if (byArn.size() > MAX_ENTRIES) {
            byArn.clear();
        }
        byArn.put(roleArn, new Entry(account.epoch(), info));
        return Optional.of(info);
    }

    @Override
    public void noteUse(RoleInfo role, String region, Instant at) {
        Use last = writtenUses.get(role.roleId());
        if (last != null && last.region().equals(region) && last.at().plus(USE_GRANULARITY).isAfter(at)) {
            return;
        }
        if (writtenUses.size() > MAX_ENTRIES) {
            writtenUses.clear();
        }
        writtenUses.put(role.roleId(), new Use(at, region));
        try {
            QuarkusTransaction.requiringNew().run(() -> RoleEntity.update(
                    "lastUsedAt = ?1, lastUsedRegion = ?2 where id = ?3", at, region, role.roleId()));
        } catch (RuntimeException e) {
            LOG.warnf("could not record the last use of role %s: %s", role.arn(), e.getMessage());
        }
    }
}
