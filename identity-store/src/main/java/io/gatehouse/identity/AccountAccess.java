package io.gatehouse.identity;

/**
 * One account a workforce user may use with one permission set.
 *
 * @param accountId the account
 * @param permissionSetArn {@code arn:aws:sso:::permissionSet/ssoins-.../ps-...}
 * @param permissionSetName the permission set's name, as the portal shows it
 * @param roleArn the role provisioned for the permission set in the account
 *     ({@code arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_...})
 * @param sessionDurationSeconds the permission set's session duration
 */
public record AccountAccess(String accountId, String permissionSetArn, String permissionSetName, String roleArn,
        int sessionDurationSeconds) {}
