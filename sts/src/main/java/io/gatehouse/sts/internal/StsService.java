package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.AwsService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The STS API (Query protocol, version 2011-06-15) behind the front door: GetCallerIdentity,
 * AssumeRole, GetSessionToken, GetFederationToken, GetAccessKeyInfo and DecodeAuthorizationMessage.
 * Every action needs a signed call; temporary credentials are held to {@link SessionRules}.
 */
@ApplicationScoped
public class StsService implements AwsService {
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    @Inject
    AssumeRoleAction assumeRole;
    @Inject
    SessionTokenAction sessionToken;
    @Inject
    FederationTokenAction federationToken;
    @Inject
    AccessKeyInfoAction accessKeyInfo;
    @Inject
    DecodeMessageAction decodeMessage;

    private Map<String, StsAction> actions;

    @PostConstruct
    void collect() {
        actions = Map.of("GetCallerIdentity", CallerIdentityAction::handle, "AssumeRole", assumeRole::handle,
                "GetSessionToken", sessionToken::handle, "GetFederationToken", federationToken::handle,
                "GetAccessKeyInfo", accessKeyInfo::handle, "DecodeAuthorizationMessage", decodeMessage::handle);
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public String eventSource() {
        return "sts.amazonaws.com";
    }

    @Override
    public boolean handles(String action) {
        return actions.containsKey(action);
    }

    /**
     * Every STS action reads only: a session is sealed into its token, not stored. The one write,
     * a used MFA code, runs in a transaction of its own.
     */
    @Override
    public boolean readsOnly(String action) {
        return true;
    }

    @Override
    public AwsReply handle(AwsCall call) {
        if (call.caller() == null) {
            throw AwsException.missingAuthenticationToken();
        }
        SessionRules.require(call.caller(), call.action());
        return actions.get(call.action()).handle(call);
    }
}
