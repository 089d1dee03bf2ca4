package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A SAML 2.0 identity provider of an account, with the IdP's metadata document as uploaded. */
@Entity
@Table(name = "iam_saml_provider")
public class SamlProviderEntity extends PanacheEntityBase {
    @Id
    public String arn;
    @Column(name = "account_id")
    public String accountId;
    public String name;
    public String metadata;
    @Column(name = "valid_until")
    public Instant validUntil;
    @Column(name = "created_at")
    public Instant createdAt;
}
