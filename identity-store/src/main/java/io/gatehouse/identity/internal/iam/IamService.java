package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.Session;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/** The IAM API (Query protocol, version 2010-05-08) behind the front door. */
@ApplicationScoped
public class IamService implements AwsService {
    public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    @Inject
    Instance<IamActionGroup> groups;

    private final Map<String, IamAction> actions = new HashMap<>();

    @PostConstruct
    void collect() {
        for (IamActionGroup group : groups) {
            group.actions().forEach((name, action) -> {
                if (actions.put(name, action) != null) {
                    throw new IllegalStateException("IAM action " + name + " is implemented twice");
                }
            });
        }
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public String eventSource() {
        return "iam.amazonaws.com";
    }

    @Override
    public boolean handles(String action) {
        return actions.containsKey(action);
    }

    /** The Get, List and Simulate actions read only (GenerateCredentialReport is the one that writes a report). */
    @Override
    public boolean readsOnly(String action) {
        return action.startsWith("Get") || action.startsWith("List") || action.startsWith("Simulate");
    }

    @Override
    public AwsReply handle(AwsCall call) {
        refuseRestrictedSessions(call.caller());
        return actions.get(call.action()).handle(call);
    }

    /**
     * What AWS refuses temporary credentials at IAM, before any policy is read: a federated user
     * (GetFederationToken) never calls IAM, and a GetSessionToken session only with MFA. AWS answers
     * both with InvalidClientTokenId; so does Gatehouse.
     */
    static void refuseRestrictedSessions(Caller caller) {
        Session session = caller == null ? null : caller.session();
        if (session == null) {
            return;
        }
        boolean federated = session.type().equals("GetFederationToken");
        boolean withoutMfa = session.type().equals("GetSessionToken") && !session.mfa();
        if (federated || withoutMfa) {
            throw AwsException.invalidClientTokenId();
        }
    }
}
