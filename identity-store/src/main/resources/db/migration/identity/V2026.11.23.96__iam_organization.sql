-- The organization (AWS Organizations subset): one organization whose management account is the
-- bootstrap account, its root and organizational units, where each account sits, service control
-- policies and their attachments, and CreateAccount's status records. Tags of accounts, OUs, the
-- root and policies are kept in iam_tag under the resource's id. MariaDB SQL that also runs on H2
-- in MODE=MariaDB. The rows themselves are created at start (Organizations.ensure), so an existing
-- database gets its organization on its first start after this migration.

CREATE TABLE iam_org (
    id              VARCHAR(34)  NOT NULL PRIMARY KEY,
    management_account_id CHAR(12) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    -- One organization: replicas starting together cannot both create one.
    CONSTRAINT uq_org_management UNIQUE (management_account_id),
    CONSTRAINT fk_org_account FOREIGN KEY (management_account_id) REFERENCES iam_account (id)
);

-- The root (parent_id null, depth 0) and the organizational units (depth 1..5).
CREATE TABLE iam_org_unit (
    id              VARCHAR(68)  NOT NULL PRIMARY KEY,
    parent_id       VARCHAR(68),
    name            VARCHAR(128) NOT NULL,
    depth           INT          NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    CONSTRAINT fk_org_unit_parent FOREIGN KEY (parent_id) REFERENCES iam_org_unit (id)
);
CREATE INDEX ix_org_unit_parent ON iam_org_unit (parent_id, id);

-- Where each account of the organization sits.
CREATE TABLE iam_org_account (
    account_id      CHAR(12)     NOT NULL PRIMARY KEY,
    parent_id       VARCHAR(68)  NOT NULL,
    joined_method   VARCHAR(16)  NOT NULL,
    joined_at       DATETIME(6)  NOT NULL,
    CONSTRAINT fk_org_account_account FOREIGN KEY (account_id) REFERENCES iam_account (id),
    CONSTRAINT fk_org_account_parent FOREIGN KEY (parent_id) REFERENCES iam_org_unit (id)
);
CREATE INDEX ix_org_account_parent ON iam_org_account (parent_id, account_id);

CREATE TABLE iam_org_policy (
    id              VARCHAR(130) NOT NULL PRIMARY KEY,
    name            VARCHAR(128) NOT NULL,
    description     VARCHAR(512) NOT NULL,
    policy_type     VARCHAR(32)  NOT NULL,
    aws_managed     BOOLEAN      NOT NULL,
    content         LONGTEXT     NOT NULL,
    created_at      DATETIME(6)  NOT NULL
);

-- A policy attached to the root, an OU or an account (target_id is its id).
CREATE TABLE iam_org_attachment (
    policy_id       VARCHAR(130) NOT NULL,
    target_id       VARCHAR(68)  NOT NULL,
    PRIMARY KEY (policy_id, target_id),
    CONSTRAINT fk_org_attachment_policy FOREIGN KEY (policy_id) REFERENCES iam_org_policy (id)
);
CREATE INDEX ix_org_attachment_target ON iam_org_attachment (target_id, policy_id);

-- CreateAccount requests, kept for DescribeCreateAccountStatus and ListCreateAccountStatus.
CREATE TABLE iam_org_create_status (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    account_name    VARCHAR(50)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    account_id      CHAR(12),
    failure_reason  VARCHAR(64),
    requested_at    DATETIME(6)  NOT NULL,
    completed_at    DATETIME(6)
);

-- An account's email is unique (CreateAccount answers EMAIL_ALREADY_EXISTS).
ALTER TABLE iam_account ADD COLUMN email_lower VARCHAR(64);
UPDATE iam_account SET email_lower = LOWER(email);
CREATE UNIQUE INDEX uq_account_email ON iam_account (email_lower);
