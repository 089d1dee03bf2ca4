/**
 * The client a resource server uses to ask Gatehouse whether a request it received may do an action
 * on a resource ({@code POST /v1/authorize}; see docs/authorization-api.md). Plain Java: it signs
 * with the AWS SDK's SigV4 signer under the resource server's own Gatehouse credentials and needs
 * no framework. Start with {@link io.gatehouse.client.GatehouseAuthorizer#builder()}.
 */
package io.gatehouse.client;
