package io.gatehouse.sts.internal;

import io.gatehouse.identity.AccessKeyDirectory;
import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * GetAccessKeyInfo: the account an access key id belongs to (AccessKeyId, 16..128 of {@code \w}).
 * Needs {@code sts:GetAccessKeyInfo}. A long-term key is looked up; a temporary key, and a key id
 * Gatehouse does not hold, answer with the account the id carries (as AWS, which does not say
 * whether a key exists). An id that carries no account is a ValidationError.
 */
@ApplicationScoped
class AccessKeyInfoAction {
    @Inject
    Authorizer authorizer;
    @Inject
    AccessKeyDirectory directory;

    AwsReply handle(AwsCall call) {
        String keyId = StsInputs.accessKeyId(call.params().required("AccessKeyId"));
        authorizer.require(call.caller(), call.request(), "sts:GetAccessKeyInfo", "*", null, null);
        String account = directory.accountOf(keyId).orElseThrow(() -> AwsException.validation(
                "The access key ID is not in the format of an AWS access key ID"));
        return AwsReply.read(new XmlWriter().element("Account", account).toString());
    }
}
