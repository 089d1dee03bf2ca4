package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last credential report generated for an account (CSV text). */
@Entity
@Table(name = "iam_credential_report")
public class CredentialReportEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "generated_at")
    public Instant generatedAt;
    public String content;
}
