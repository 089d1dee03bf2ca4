package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account alias: unique across all accounts, at most one per account. */
@Entity
@Table(name = "iam_account_alias")
public class AccountAliasEntity extends PanacheEntityBase {
    @Id
    public String alias;
    @Column(name = "account_id")
    public String accountId;
}
