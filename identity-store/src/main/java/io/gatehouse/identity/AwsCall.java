package io.gatehouse.identity;

import io.gatehouse.identity.protocol.QueryParams;

/**
 * One call to an AWS API behind the front door.
 *
 * @param action the operation name, e.g. {@code CreateUser}
 * @param params the Query-protocol parameters
 * @param caller the authenticated caller; null only for actions the service accepts unsigned
 * @param request facts about the HTTP request
 */
public record AwsCall(String action, QueryParams params, Caller caller, RequestInfo request) {}
