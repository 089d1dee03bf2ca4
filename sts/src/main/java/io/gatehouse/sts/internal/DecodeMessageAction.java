package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * DecodeAuthorizationMessage: turns an encoded authorization message (from a denial of the
 * authorization API) back into its JSON explanation. The caller needs
 * {@code sts:DecodeAuthorizationMessage}; a message that is altered, not Gatehouse's, or issued
 * for another account is InvalidAuthorizationMessageException (400).
 */
@ApplicationScoped
class DecodeMessageAction {
    @Inject
    Authorizer authorizer;
    @Inject
    AuthorizationMessages messages;

    AwsReply handle(AwsCall call) {
        String encoded = call.params().required("EncodedMessage");
        if (encoded.isEmpty() || encoded.length() > AuthorizationMessages.MAX_ENCODED) {
            throw AwsException.validation("1 validation error detected: Value at 'encodedMessage' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + AuthorizationMessages.MAX_ENCODED);
        }
        authorizer.require(call.caller(), call.request(), "sts:DecodeAuthorizationMessage", "*", null, Map.of());
        String decoded = messages.decode(call.caller().accountId(), encoded).orElseThrow(() -> new AwsException(
                "InvalidAuthorizationMessageException", 400, "The encoded authorization message is invalid"));
        return AwsReply.read(new XmlWriter().element("DecodedMessage", decoded).toString());
    }
}
