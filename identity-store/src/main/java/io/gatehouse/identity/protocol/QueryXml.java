package io.gatehouse.identity.protocol;

import io.gatehouse.identity.AwsException;

/** The envelopes of AWS Query-protocol responses. */
public final class QueryXml {
    private QueryXml() {}

    /**
     * {@code <ActionResponse xmlns=NS><ActionResult>inner</ActionResult><ResponseMetadata>...}; an
     * action with no result (inner null) has no Result element, as AWS answers.
     */
    public static String response(String namespace, String action, String innerResult, String requestId) {
        XmlWriter xml = new XmlWriter().start(action + "Response", namespace);
        StringBuilder out = new StringBuilder(xml.toString());
        if (innerResult != null) {
            out.append('<').append(action).append("Result>").append(innerResult).append("</").append(action)
                    .append("Result>");
        }
        out.append(new XmlWriter().start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata"));
        out.append("</").append(action).append("Response>");
        return out.toString();
    }

    /** AWS's Query error document. */
    public static String error(String namespace, AwsException e, String requestId) {
        return new XmlWriter().start("ErrorResponse", namespace)
                .start("Error")
                .element("Type", e.sender() ? "Sender" : "Receiver")
                .element("Code", e.code())
                .element("Message", e.getMessage())
                .end("Error")
                .element("RequestId", requestId)
                .end("ErrorResponse")
                .toString();
    }
}
