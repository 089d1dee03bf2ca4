/**
 * The AWS wire-protocol toolkit shared by every module that serves an AWS API behind the front
 * door (IAM here, STS, Identity Center): Query-protocol parameters, XML responses and error
 * envelopes. A second public package of identity-store, because sts and federation may import
 * only public packages.
 */
package io.gatehouse.identity.protocol;
