package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's custom password policy for IAM users (absent: AWS's default policy applies). */
@Entity
@Table(name = "iam_password_policy")
public class PasswordPolicyEntity extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;
    @Column(name = "minimum_length")
    public int minimumLength;
    @Column(name = "require_symbols")
    public boolean requireSymbols;
    @Column(name = "require_numbers")
    public boolean requireNumbers;
    @Column(name = "require_uppercase")
    public boolean requireUppercase;
    @Column(name = "require_lowercase")
    public boolean requireLowercase;
    @Column(name = "allow_users_to_change")
    public boolean allowUsersToChange;
    /** Days a password is valid; null: passwords never expire. */
    @Column(name = "max_age_days")
    public Integer maxAgeDays;
    /** How many previous passwords may not be reused; null: reuse is allowed. */
    @Column(name = "reuse_prevention")
    public Integer reusePrevention;
    @Column(name = "hard_expiry")
    public boolean hardExpiry;
}
