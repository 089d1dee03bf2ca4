-- The account's last generated IAM credential report (GenerateCredentialReport / GetCredentialReport).
CREATE TABLE iam_credential_report (
    account_id      CHAR(12)     NOT NULL PRIMARY KEY,
    generated_at    DATETIME(6)  NOT NULL,
    content         LONGTEXT     NOT NULL,
    CONSTRAINT fk_report_account FOREIGN KEY (account_id) REFERENCES iam_account (id)
);
