-- The workforce directory (IAM Identity Center's identity store): users and groups who sign in to
-- the access portal, distinct from IAM users. One identity store per instance; served by the
-- Identity Store API (AWSIdentityStore) and SCIM 2.0 on the same rows. MariaDB SQL that also runs
-- on H2 in MODE=MariaDB. Long texts that must be unique or searched are indexed through a SHA-256
-- of their lower-cased value (key length stays within InnoDB's 3072 bytes at 1024 characters);
-- the user's many optional texts (up to 1024 characters each) are TEXT, to keep within the row size.

CREATE TABLE iam_ws_store (
    id              VARCHAR(12)  NOT NULL PRIMARY KEY,
    account_id      CHAR(12)     NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    CONSTRAINT fk_ws_store_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);

CREATE TABLE iam_ws_user (
    id              VARCHAR(47)  NOT NULL PRIMARY KEY,
    store_id        VARCHAR(12)  NOT NULL,
    user_name       VARCHAR(128) NOT NULL,
    -- userName is unique regardless of case (SCIM: caseExact false); filters use this column.
    user_name_lower VARCHAR(128) NOT NULL,
    display_name    TEXT,
    name_formatted  TEXT,
    family_name     TEXT,
    given_name      TEXT,
    middle_name     TEXT,
    honorific_prefix TEXT,
    honorific_suffix TEXT,
    nick_name       TEXT,
    profile_url     TEXT,
    user_type       TEXT,
    title           TEXT,
    preferred_language TEXT,
    locale          TEXT,
    timezone        TEXT,
    -- Multi-valued attributes as JSON arrays in the Identity Store API's shape.
    emails          LONGTEXT,
    addresses       LONGTEXT,
    phone_numbers   LONGTEXT,
    -- SCIM's enterprise extension (employeeNumber, costCenter, organization, division, department,
    -- manager) as a JSON object, or null.
    enterprise      LONGTEXT,
    -- SHA-256 (hex) of the primary (else first) email, lower-cased: emails.value lookups.
    email_hash      CHAR(64),
    active          BOOLEAN      NOT NULL,
    -- When the user was last deactivated (SCIM active=false); null while active.
    deactivated_at  DATETIME(6),
    version         BIGINT       NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    created_by      VARCHAR(2048),
    updated_at      DATETIME(6)  NOT NULL,
    updated_by      VARCHAR(2048),
    CONSTRAINT uq_ws_user_name UNIQUE (store_id, user_name_lower),
    CONSTRAINT fk_ws_user_store FOREIGN KEY (store_id) REFERENCES iam_ws_store (id)
);
CREATE INDEX ix_ws_user_email ON iam_ws_user (store_id, email_hash);

CREATE TABLE iam_ws_group (
    id              VARCHAR(47)  NOT NULL PRIMARY KEY,
    store_id        VARCHAR(12)  NOT NULL,
    display_name    VARCHAR(1024) NOT NULL,
    -- SHA-256 (hex) of the lower-cased display name: unique, and what displayName filters use.
    display_name_hash CHAR(64)   NOT NULL,
    description     VARCHAR(1024),
    version         BIGINT       NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    created_by      VARCHAR(2048),
    updated_at      DATETIME(6)  NOT NULL,
    updated_by      VARCHAR(2048),
    CONSTRAINT uq_ws_group_name UNIQUE (store_id, display_name_hash),
    CONSTRAINT fk_ws_group_store FOREIGN KEY (store_id) REFERENCES iam_ws_store (id)
);

CREATE TABLE iam_ws_member (
    id              VARCHAR(47)  NOT NULL PRIMARY KEY,
    store_id        VARCHAR(12)  NOT NULL,
    group_id        VARCHAR(47)  NOT NULL,
    user_id         VARCHAR(47)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    CONSTRAINT uq_ws_member UNIQUE (group_id, user_id),
    CONSTRAINT fk_ws_member_group FOREIGN KEY (group_id) REFERENCES iam_ws_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_ws_member_user FOREIGN KEY (user_id) REFERENCES iam_ws_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_ws_member_user ON iam_ws_member (user_id);

-- Identifiers issued by an external identity provider (ExternalIds; SCIM's externalId has the
-- issuer "SCIM"). Unique per issuer and resource type, as GetUserId/GetGroupId need.
CREATE TABLE iam_ws_external_id (
    resource_type   VARCHAR(8)   NOT NULL,
    issuer          VARCHAR(100) NOT NULL,
    external_id     VARCHAR(256) NOT NULL,
    resource_id     VARCHAR(47)  NOT NULL,
    PRIMARY KEY (resource_type, issuer, external_id)
);
CREATE INDEX ix_ws_external_resource ON iam_ws_external_id (resource_id);

-- SCIM bearer tokens: only the SHA-256 of the 256-bit token is kept; the token is shown once.
CREATE TABLE iam_scim_token (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    store_id        VARCHAR(12)  NOT NULL,
    token_hash      CHAR(64)     NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    created_by      VARCHAR(2048),
    expires_at      DATETIME(6)  NOT NULL,
    last_used_at    DATETIME(6),
    CONSTRAINT uq_scim_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_scim_token_store FOREIGN KEY (store_id) REFERENCES iam_ws_store (id)
);
