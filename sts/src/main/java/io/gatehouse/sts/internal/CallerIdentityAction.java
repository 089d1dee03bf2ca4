package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.protocol.XmlWriter;

/**
 * GetCallerIdentity: who signed the call. Never denied (AWS ignores policies for it), as AWS
 * answers it: UserId is the user's id ({@code AIDA...}), {@code AROA...:SESSION} for a role
 * session, the account id for root; Arn the user's, root's or the assumed-role session's ARN.
 */
final class CallerIdentityAction {
    private CallerIdentityAction() {}

    static AwsReply handle(AwsCall call) {
        Caller caller = call.caller();
        String userId = caller.principalId() != null ? caller.principalId() : caller.accountId();
        XmlWriter xml = new XmlWriter().element("UserId", userId).element("Account", caller.accountId())
                .element("Arn", caller.principal().arn());
        return AwsReply.read(xml.toString());
    }
}
