/**
 * Security Token Service: issuing temporary credentials (AssumeRole*, GetSessionToken, ...), the
 * STS API, and the authorization API for resource servers. Session tokens are self-contained, so
 * validating one needs no database read.
 *
 * <p>This package is the public face of the module: interfaces, records and exceptions only;
 * implementations live in {@code .internal}, {@code .persistence} and {@code .api}.
 * Tables are prefixed {@code sts_}. Uses the identity store and audit. The STS API (GetCallerIdentity,
 * AssumeRole, GetSessionToken, GetFederationToken, GetAccessKeyInfo, DecodeAuthorizationMessage) is
 * served through the identity store's front door by {@code internal.StsService}; the authorization
 * API ({@code POST /v1/authorize}) by {@code api.AuthorizeEndpoint}.
 */
package io.gatehouse.sts;
