package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An identifier an external identity provider issued for a workforce user or group. */
@Entity
@Table(name = "iam_ws_external_id")
@IdClass(WsExternalIdEntity.Key.class)
public class WsExternalIdEntity extends PanacheEntityBase {
    public static final String USER = "USER";
    public static final String GROUP = "GROUP";

    @Id
    @Column(name = "resource_type")
    public String resourceType;
    @Id
    public String issuer;
    @Id
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "resource_id")
    public String resourceId;

    public static List<WsExternalIdEntity> of(String resourceId) {
        return WsExternalIdEntity.<WsExternalIdEntity>find("resourceId = ?1 order by issuer, externalId", resourceId)
                .list();
    }

    /** The external ids of many resources in one query, by resource id. */
    public static Map<String, List<WsExternalIdEntity>> of(List<String> resourceIds) {
        Map<String, List<WsExternalIdEntity>> out = new HashMap<>();
        if (!resourceIds.isEmpty()) {
            WsExternalIdEntity.<WsExternalIdEntity>find("resourceId in ?1 order by issuer, externalId", resourceIds)
                    .stream().forEach(e -> out.computeIfAbsent(e.resourceId, k -> new ArrayList<>()).add(e));
        }
        return out;
    }

    public static void deleteOf(String resourceId) {
        WsExternalIdEntity.delete("resourceId", resourceId);
    }

    /** Composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String resourceType;
        public String issuer;
        public String externalId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(resourceType, k.resourceType)
                    && Objects.equals(issuer, k.issuer) && Objects.equals(externalId, k.externalId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(resourceType, issuer, externalId);
        }
    }
}
