package io.gatehouse.sts.internal;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;

/** One STS operation: reads its parameters, authorizes, answers or refuses with an AwsException. */
@FunctionalInterface
interface StsAction {
    AwsReply handle(AwsCall call);
}
