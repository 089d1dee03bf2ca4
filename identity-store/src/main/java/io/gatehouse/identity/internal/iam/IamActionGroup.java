package io.gatehouse.identity.internal.iam;

import java.util.Map;

/** A family of IAM operations (users, groups, ...), found as a CDI bean by {@link IamService}. */
public interface IamActionGroup {
    /** Operation name (e.g. {@code CreateUser}) to its implementation. */
    Map<String, IamAction> actions();
}
