package io.gatehouse.server.authorize.example;

import io.gatehouse.client.Decision;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/** The example service's endpoints, each protected by Gatehouse. */
@Path("/example/orders")
public class ExampleOrdersResource {
    @GET
    @Path("{id}")
    @Protected(action = "example:GetOrder", resource = "order/{id}")
    public String get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Decision.Principal caller = (Decision.Principal) request.getProperty("gatehouse.principal");
        return "order " + id + " for " + caller.arn();
    }

    @DELETE
    @Path("{id}")
    @Protected(action = "example:DeleteOrder", resource = "order/{id}")
    public String delete(@PathParam("id") String id) {
        return "deleted " + id;
    }
}
