package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** An IAM group. */
@Entity
@Table(name = "iam_group")
public class GroupEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    @Column(name = "name_lower")
    public String nameLower;
    public String path;
    public String arn;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<GroupEntity> byName(String accountId, String name) {
        return find("accountId = ?1 and nameLower = ?2", accountId, name.toLowerCase(Locale.ROOT)).firstResultOptional();
    }
}
