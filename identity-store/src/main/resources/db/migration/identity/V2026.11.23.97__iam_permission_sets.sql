-- IAM Identity Center's administration (sso-admin): the instance, permission sets with their
-- policies, account assignments of workforce users and groups, what is provisioned in which
-- account, and the status records of assignment and provisioning requests. MariaDB SQL that also
-- runs on H2 in MODE=MariaDB.

-- The one instance, created on start with the identity store: arn:aws:sso:::instance/ssoins-<16 hex>.
CREATE TABLE iam_sso_instance (
    id              VARCHAR(23)  NOT NULL PRIMARY KEY,
    store_id        VARCHAR(12)  NOT NULL,
    account_id      CHAR(12)     NOT NULL,
    name            VARCHAR(255) NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    CONSTRAINT fk_sso_instance_store FOREIGN KEY (store_id) REFERENCES iam_ws_store (id)
);

-- A permission set: ps-<16 hex>, its ARN arn:aws:sso:::permissionSet/<instance id>/<id>.
-- version counts the changes that provisioning must carry to the accounts.
CREATE TABLE iam_sso_permission_set (
    id              VARCHAR(19)  NOT NULL PRIMARY KEY,
    instance_id     VARCHAR(23)  NOT NULL,
    name            VARCHAR(32)  NOT NULL,
    name_lower      VARCHAR(32)  NOT NULL,
    description     VARCHAR(700),
    session_duration VARCHAR(100) NOT NULL,
    session_seconds INT          NOT NULL,
    relay_state     VARCHAR(240),
    inline_policy   LONGTEXT,
    -- The permissions boundary: an AWS managed policy (boundary_kind AWS, by path and name) or a
    -- reference to a customer managed policy resolved in each account (CUSTOMER).
    boundary_kind   VARCHAR(8),
    boundary_name   VARCHAR(128),
    boundary_path   VARCHAR(512),
    version         BIGINT       NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    CONSTRAINT uq_sso_ps_name UNIQUE (instance_id, name_lower),
    CONSTRAINT fk_sso_ps_instance FOREIGN KEY (instance_id) REFERENCES iam_sso_instance (id)
);

-- Policies of a permission set: AWS managed (kind AWS, arn:aws:iam::aws:policy<path><name>) and
-- customer managed references (kind CUSTOMER, name and path resolved in each account).
CREATE TABLE iam_sso_ps_policy (
    permission_set_id VARCHAR(19) NOT NULL,
    kind            VARCHAR(8)   NOT NULL,
    name            VARCHAR(128) NOT NULL,
    path            VARCHAR(512) NOT NULL,
    attached_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (permission_set_id, kind, name, path),
    CONSTRAINT fk_sso_ps_policy_ps FOREIGN KEY (permission_set_id) REFERENCES iam_sso_permission_set (id)
        ON DELETE CASCADE
);

-- Account assignments: a workforce user or group gets a permission set in an account. The
-- primary key serves the listings by account; ix_sso_assignment_principal serves a user's
-- access (assignments of the user and of its groups: principal ids are UUIDs, unique across both).
CREATE TABLE iam_sso_assignment (
    account_id      CHAR(12)     NOT NULL,
    permission_set_id VARCHAR(19) NOT NULL,
    principal_type  VARCHAR(5)   NOT NULL,
    principal_id    VARCHAR(47)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (account_id, permission_set_id, principal_type, principal_id),
    CONSTRAINT fk_sso_assignment_ps FOREIGN KEY (permission_set_id) REFERENCES iam_sso_permission_set (id),
    CONSTRAINT fk_sso_assignment_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);
CREATE INDEX ix_sso_assignment_principal ON iam_sso_assignment (principal_id, account_id, permission_set_id);
CREATE INDEX ix_sso_assignment_ps ON iam_sso_assignment (permission_set_id, account_id);

-- A permission set provisioned to an account: the role it made there and the permission set's
-- version it carries (older than the permission set's: LATEST_PERMISSION_SET_NOT_PROVISIONED).
CREATE TABLE iam_sso_provisioned (
    permission_set_id VARCHAR(19) NOT NULL,
    account_id      CHAR(12)     NOT NULL,
    role_name       VARCHAR(64)  NOT NULL,
    role_arn        VARCHAR(700) NOT NULL,
    version         BIGINT       NOT NULL,
    provisioned_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (permission_set_id, account_id),
    CONSTRAINT fk_sso_provisioned_ps FOREIGN KEY (permission_set_id) REFERENCES iam_sso_permission_set (id)
);
CREATE INDEX ix_sso_provisioned_account ON iam_sso_provisioned (account_id, permission_set_id);

-- Status of CreateAccountAssignment (kind CREATE), DeleteAccountAssignment (DELETE) and
-- ProvisionPermissionSet (PROVISION) requests, by RequestId, as the Describe/List...Status calls show.
CREATE TABLE iam_sso_request (
    request_id      CHAR(36)     NOT NULL PRIMARY KEY,
    instance_id     VARCHAR(23)  NOT NULL,
    kind            VARCHAR(9)   NOT NULL,
    status          VARCHAR(11)  NOT NULL,
    failure_reason  VARCHAR(1024),
    target_id       CHAR(12),
    target_type     VARCHAR(24),
    permission_set_id VARCHAR(19),
    principal_type  VARCHAR(5),
    principal_id    VARCHAR(47),
    created_at      DATETIME(6)  NOT NULL
);
CREATE INDEX ix_sso_request_kind ON iam_sso_request (instance_id, kind, request_id);
