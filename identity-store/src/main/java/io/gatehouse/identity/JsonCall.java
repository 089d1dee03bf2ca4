package io.gatehouse.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call to a JSON 1.1 API behind the front door.
 *
 * @param operation the operation, the part of X-Amz-Target after the service's prefix, e.g.
 *     {@code LookupEvents}
 * @param input the request body, a JSON object ({@code {}} when the body was empty); its fields
 *     are as the client sent them, not yet validated
 * @param caller the authenticated caller, never null
 * @param request facts about the HTTP request
 */
public record JsonCall(String operation, ObjectNode input, Caller caller, RequestInfo request) {}
