package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestContexts;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.policy.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The same context {@link PolicyAuthorizer} evaluates with. */
@ApplicationScoped
public class CallerRequestContexts implements RequestContexts {
    @Override
    public RequestContext of(Caller caller, RequestInfo request, Map<String, List<String>> extraContext) {
        return ContextBuilder.build(caller, request, extraContext);
    }
}
