-- Identity store core schema (IAM). MariaDB SQL that also runs on H2 in MODE=MariaDB.
-- Names are unique per account regardless of case, as in IAM: each named table keeps name_lower.
-- Ids are AWS unique ids (AIDA..., AGPA..., AROA..., ANPA...), unique across all types.

CREATE TABLE iam_account (
    id              CHAR(12)     NOT NULL PRIMARY KEY,
    name            VARCHAR(50)  NOT NULL,
    email           VARCHAR(64),
    status          VARCHAR(16)  NOT NULL,
    management      BOOLEAN      NOT NULL,
    -- Bumped by every change to policies, attachments, memberships or boundaries in the account:
    -- replicas compare it to drop cached policy sets.
    policy_epoch    BIGINT       NOT NULL,
    created_at      DATETIME(6) NOT NULL
);

CREATE TABLE iam_account_alias (
    alias           VARCHAR(63)  NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    CONSTRAINT fk_alias_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);

CREATE TABLE iam_user (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    name_lower      VARCHAR(64)  NOT NULL,
    path            VARCHAR(512) NOT NULL,
    arn             VARCHAR(700) NOT NULL,
    boundary_arn    VARCHAR(2048),
    created_at      DATETIME(6) NOT NULL,
    password_last_used DATETIME(6),
    CONSTRAINT uq_user_name UNIQUE (account_id, name_lower),
    CONSTRAINT fk_user_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);

CREATE TABLE iam_group (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    name            VARCHAR(128) NOT NULL,
    name_lower      VARCHAR(128) NOT NULL,
    path            VARCHAR(512) NOT NULL,
    arn             VARCHAR(700) NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    CONSTRAINT uq_group_name UNIQUE (account_id, name_lower),
    CONSTRAINT fk_group_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);

CREATE TABLE iam_group_member (
    group_id        VARCHAR(32)  NOT NULL,
    user_id         VARCHAR(32)  NOT NULL,
    PRIMARY KEY (group_id, user_id),
    CONSTRAINT fk_member_group FOREIGN KEY (group_id) REFERENCES iam_group (id),
    CONSTRAINT fk_member_user FOREIGN KEY (user_id) REFERENCES iam_user (id)
);
CREATE INDEX ix_member_user ON iam_group_member (user_id);

CREATE TABLE iam_role (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    name_lower      VARCHAR(64)  NOT NULL,
    path            VARCHAR(512) NOT NULL,
    arn             VARCHAR(700) NOT NULL,
    description     VARCHAR(1000),
    trust_policy    LONGTEXT     NOT NULL,
    max_session_duration INT     NOT NULL,
    boundary_arn    VARCHAR(2048),
    created_at      DATETIME(6) NOT NULL,
    last_used_at    DATETIME(6),
    last_used_region VARCHAR(32),
    sessions_revoked_before DATETIME(6),
    CONSTRAINT uq_role_name UNIQUE (account_id, name_lower),
    CONSTRAINT fk_role_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);

-- Managed policies: account_id NULL for the Gatehouse-managed ones (arn:aws:iam::aws:policy/...).
CREATE TABLE iam_policy (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    account_id      CHAR(12),
    name            VARCHAR(128) NOT NULL,
    name_lower      VARCHAR(128) NOT NULL,
    path            VARCHAR(512) NOT NULL,
    arn             VARCHAR(700) NOT NULL,
    description     VARCHAR(1000),
    default_version VARCHAR(16)  NOT NULL,
    next_version    INT          NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    updated_at      DATETIME(6) NOT NULL,
    CONSTRAINT uq_policy_arn UNIQUE (arn)
);
CREATE INDEX ix_policy_account ON iam_policy (account_id, name_lower);

CREATE TABLE iam_policy_version (
    policy_id       VARCHAR(32)  NOT NULL,
    version_id      VARCHAR(16)  NOT NULL,
    document        LONGTEXT     NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (policy_id, version_id),
    CONSTRAINT fk_version_policy FOREIGN KEY (policy_id) REFERENCES iam_policy (id)
);

-- Managed policy attachments of users, groups and roles (principal_id is the entity's unique id).
CREATE TABLE iam_attachment (
    principal_id    VARCHAR(32)  NOT NULL,
    policy_id       VARCHAR(32)  NOT NULL,
    principal_type  VARCHAR(8)   NOT NULL,
    PRIMARY KEY (principal_id, policy_id),
    CONSTRAINT fk_attachment_policy FOREIGN KEY (policy_id) REFERENCES iam_policy (id)
);
CREATE INDEX ix_attachment_policy ON iam_attachment (policy_id);

CREATE TABLE iam_inline_policy (
    principal_id    VARCHAR(32)  NOT NULL,
    name            VARCHAR(128) NOT NULL,
    name_lower      VARCHAR(128) NOT NULL,
    principal_type  VARCHAR(8)   NOT NULL,
    document        LONGTEXT     NOT NULL,
    PRIMARY KEY (principal_id, name_lower)
);

CREATE TABLE iam_tag (
    entity_id       VARCHAR(64)  NOT NULL,
    tag_key_lower   VARCHAR(128) NOT NULL,
    tag_key         VARCHAR(128) NOT NULL,
    tag_value       VARCHAR(256) NOT NULL,
    PRIMARY KEY (entity_id, tag_key_lower)
);

CREATE TABLE iam_access_key (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id         VARCHAR(32),
    account_id      CHAR(12)     NOT NULL,
    secret_sealed   VARCHAR(512) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    last_used_at    DATETIME(6),
    last_used_service VARCHAR(64),
    last_used_region  VARCHAR(32)
);
CREATE INDEX ix_access_key_user ON iam_access_key (user_id);

CREATE TABLE iam_login_profile (
    user_id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(256) NOT NULL,
    reset_required  BOOLEAN      NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    changed_at      DATETIME(6) NOT NULL,
    CONSTRAINT fk_login_user FOREIGN KEY (user_id) REFERENCES iam_user (id)
);

CREATE TABLE iam_password_history (
    user_id         VARCHAR(32)  NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    password_hash   VARCHAR(256) NOT NULL,
    PRIMARY KEY (user_id, created_at)
);

CREATE TABLE iam_password_policy (
    account_id      CHAR(12)     NOT NULL PRIMARY KEY,
    minimum_length  INT          NOT NULL,
    require_symbols BOOLEAN      NOT NULL,
    require_numbers BOOLEAN      NOT NULL,
    require_uppercase BOOLEAN    NOT NULL,
    require_lowercase BOOLEAN    NOT NULL,
    allow_users_to_change BOOLEAN NOT NULL,
    max_age_days    INT,
    reuse_prevention INT,
    hard_expiry     BOOLEAN      NOT NULL
);

CREATE TABLE iam_mfa_device (
    serial_number   VARCHAR(700) NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    name            VARCHAR(226) NOT NULL,
    path            VARCHAR(512) NOT NULL,
    user_id         VARCHAR(32),
    seed_sealed     VARCHAR(512) NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    enabled_at      DATETIME(6),
    last_used_step  BIGINT
);
CREATE INDEX ix_mfa_user ON iam_mfa_device (user_id);

CREATE TABLE iam_saml_provider (
    arn             VARCHAR(700) NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    name            VARCHAR(128) NOT NULL,
    metadata        LONGTEXT     NOT NULL,
    valid_until     DATETIME(6),
    created_at      DATETIME(6) NOT NULL
);

CREATE TABLE iam_oidc_provider (
    arn             VARCHAR(700) NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    url             VARCHAR(255) NOT NULL,
    client_ids      LONGTEXT     NOT NULL,
    thumbprints     LONGTEXT     NOT NULL,
    created_at      DATETIME(6) NOT NULL
);

-- The session-token key ring: AES keys sealed under the master key; the newest active key seals.
CREATE TABLE iam_session_key (
    id              VARCHAR(16)  NOT NULL PRIMARY KEY,
    secret_sealed   VARCHAR(512) NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    retired_at      DATETIME(6)
);
