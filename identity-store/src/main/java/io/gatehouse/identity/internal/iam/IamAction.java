package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;

/** One IAM operation. */
@FunctionalInterface
public interface IamAction {
    AwsReply handle(AwsCall call);
}
