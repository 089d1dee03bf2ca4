package io.gatehouse.identity;

import io.gatehouse.policy.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * The request context the {@link Authorizer} evaluates with (aws:username, aws:PrincipalTag/*,
 * aws:SourceIp, aws:CurrentTime, MFA keys, ...), for services that evaluate policies the caller's
 * own policy set does not hold, such as a role's trust policy.
 */
public interface RequestContexts {
    /** The caller's global condition keys, then {@code extraContext} (whose keys win). */
    RequestContext of(Caller caller, RequestInfo request, Map<String, List<String>> extraContext);
}
