package io.gatehouse.server.authorize.example;

import io.gatehouse.client.GatehouseAuthorizer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The example service's connection to Gatehouse. A real service builds its
 * {@link GatehouseAuthorizer} once from its configuration (see docs/authorization-api.md); the
 * tests set it after creating the service's own IAM user.
 */
@ApplicationScoped
public class ExampleGatehouse {
    private volatile GatehouseAuthorizer authorizer;
    private volatile String arnPrefix;

    public void configure(GatehouseAuthorizer authorizer, String arnPrefix) {
        this.authorizer = authorizer;
        this.arnPrefix = arnPrefix;
    }

    GatehouseAuthorizer authorizer() {
        return authorizer;
    }

    /** E.g. {@code arn:aws:example:us-east-1:111122223333:}. */
    String arnPrefix() {
        return arnPrefix;
    }
}
