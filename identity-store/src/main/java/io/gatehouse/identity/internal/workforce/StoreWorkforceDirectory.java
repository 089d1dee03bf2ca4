package io.gatehouse.identity.internal.workforce;

import io.gatehouse.identity.WorkforceDirectory;
import io.gatehouse.identity.WorkforceUser;
import io.gatehouse.identity.persistence.WsMemberEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link WorkforceDirectory} on the identity store's tables; every read goes to the database. */
@ApplicationScoped
public class StoreWorkforceDirectory implements WorkforceDirectory {
    @Inject
    IdentityStores stores;

    @Override
    public String identityStoreId() {
        return stores.current().id();
    }

    @Override
    public Optional<WorkforceUser> userById(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        String store = identityStoreId();
        return QuarkusTransaction.joiningExisting().call(() -> WsUserEntity.byId(store, userId).map(this::view));
    }

    @Override
    public Optional<WorkforceUser> userByName(String userName) {
        if (userName == null) {
            return Optional.empty();
        }
        String store = identityStoreId();
        return QuarkusTransaction.joiningExisting().call(() -> WsUserEntity.byUserName(store,
                userName.toLowerCase(Locale.ROOT)).map(this::view));
    }

    @Override
    public boolean isActive(String userId) {
        return userById(userId).map(WorkforceUser::active).orElse(false);
    }

    @Override
    public List<String> groupIdsOf(String userId) {
        if (userId == null) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> WsMemberEntity.<WsMemberEntity>find(
                "userId = ?1 order by groupId", userId).stream().map(m -> m.groupId).toList());
    }

    private WorkforceUser view(WsUserEntity user) {
        return new WorkforceUser(user.id, user.storeId, user.userName, user.displayName,
                Directory.primaryEmail(user.emails), user.active);
    }
}
