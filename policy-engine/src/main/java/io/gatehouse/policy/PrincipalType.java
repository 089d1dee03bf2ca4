package io.gatehouse.policy;

/** Who is asking, as far as Principal matching and the evaluation logic care. */
public enum PrincipalType {
    /** The account root user: {@code arn:aws:iam::ACCT:root}. */
    ROOT,
    /** An IAM user: {@code arn:aws:iam::ACCT:user/PATH/NAME}. */
    IAM_USER,
    /** An IAM role itself: {@code arn:aws:iam::ACCT:role/PATH/NAME}. */
    ROLE,
    /** A role session: {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}. */
    ASSUMED_ROLE,
    /** A federated user session: {@code arn:aws:sts::ACCT:federated-user/NAME}. */
    FEDERATED_USER,
    /** An AWS service principal such as {@code ec2.amazonaws.com}. */
    SERVICE,
    /** An identity provider (SAML provider ARN or OIDC issuer) in a web-identity or SAML call. */
    FEDERATED,
    /** An S3 canonical user id. */
    CANONICAL_USER,
    /** An unauthenticated caller. */
    ANONYMOUS
}
