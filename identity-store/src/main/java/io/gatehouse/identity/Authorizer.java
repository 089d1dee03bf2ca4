package io.gatehouse.identity;

import io.gatehouse.policy.Decision;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a caller may perform an action on a resource, with the request context AWS
 * populates (aws:username, aws:PrincipalTag/*, aws:SourceIp, aws:CurrentTime, MFA keys, ...).
 */
public interface Authorizer {
    /**
     * @param resourceAccount the account owning the resource; null means the caller's
     * @param extraContext action-specific keys (aws:RequestTag/*, aws:TagKeys, iam:PolicyARN, ...)
     */
    Decision decide(Caller caller, RequestInfo request, String action, String resourceArn, String resourceAccount,
            Map<String, List<String>> extraContext);

    /**
     * As {@link #decide}, refusing with AWS's AccessDenied ({@code User: ARN is not authorized to perform:
     * ACTION on resource: ARN because ...}) unless allowed.
     */
    Decision require(Caller caller, RequestInfo request, String action, String resourceArn, String resourceAccount,
            Map<String, List<String>> extraContext);
}
