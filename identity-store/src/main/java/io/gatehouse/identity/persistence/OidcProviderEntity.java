package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OpenID Connect identity provider of an account. Client ids and thumbprints are stored as
 * newline-separated lists (neither may contain a line break).
 */
@Entity
@Table(name = "iam_oidc_provider")
public class OidcProviderEntity extends PanacheEntityBase {
    @Id
    public String arn;
    @Column(name = "account_id")
    public String accountId;
    /** The issuer URL without its scheme, as AWS keeps it (host/path). */
    public String url;
    @Column(name = "client_ids")
    public String clientIds;
    public String thumbprints;
    @Column(name = "created_at")
    public Instant createdAt;
}
