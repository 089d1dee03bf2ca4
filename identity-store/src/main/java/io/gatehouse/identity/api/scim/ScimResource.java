package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.api.scim.ScimPipeline.Reply;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * SCIM 2.0 at {@code /scim/v2} (RFC 7643/7644) for identity providers (Okta, Microsoft Entra ID,
 * Google) to provision the workforce directory: discovery, Users and Groups. Requests are JSON
 * ({@code application/scim+json} or {@code application/json}); answers are
 * {@code application/scim+json}. Every request needs a SCIM bearer token (see {@link ScimPipeline}).
 */
@Path("/scim/v2")
public class ScimResource {
    @Inject
    ScimPipeline pipeline;
    @Inject
    ScimOperations operations;
    @Context
    HttpHeaders headers;
    @Context
    UriInfo uri;
    @Context
    HttpServerRequest http;

    private String base() {
        return uri.getBaseUriBuilder().path("scim/v2").build().toString().replaceAll("/$", "");
    }

    private ScimPipeline.Request request() {
        return new ScimPipeline.Request(http.method().name(), uri.getRequestUri().getRawPath(),
                uri.getRequestUri().getRawQuery(), headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                headers.getHeaderString(HttpHeaders.USER_AGENT));
    }

    private Response serve(String event, boolean readOnly, ScimPipeline.Operation operation) {
        return pipeline.serve(event, readOnly, request(), base(), operation);
    }

    /** The body as a JSON object, or the refusal SCIM prescribes (400 invalidSyntax). */
    private static ObjectNode body(byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw ScimException.badRequest("invalidSyntax", "The request body is empty");
        }
        try {
            JsonNode tree = ScimUsers.MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw ScimException.badRequest("invalidSyntax", "The request body must be a JSON object");
            }
            return (ObjectNode) tree;
        } catch (JacksonException e) {
            throw ScimException.badRequest("invalidSyntax", "The request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw ScimException.badRequest("invalidSyntax", "The request body could not be read");
        }
    }

    /** Parses the body before the pipeline, answering a malformed one with SCIM's error (audited too). */
    private Response withBody(String event, byte[] raw, java.util.function.BiFunction<ScimPipeline.Call, ObjectNode,
            Reply> operation) {
        ObjectNode[] doc = new ObjectNode[1];
        return serve(event, false, call -> {
            if (doc[0] == null) {
                doc[0] = body(raw);
            }
            return operation.apply(call, doc[0]);
        });
    }

    private static boolean excludesMembers(String excluded) {
        return excluded != null && List.of(excluded.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("members");
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        return serve("GetServiceProviderConfig", true, c -> Reply.ok(ScimDiscovery.serviceProviderConfig(c.base()),
                null));
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        return serve("ListResourceTypes", true, c -> Reply.ok(ScimDiscovery.list(List.of(
                ScimDiscovery.resourceType(c.base(), "User"), ScimDiscovery.resourceType(c.base(), "Group"))), null));
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name) {
        return serve("GetResourceType", true, c -> {
            if (!name.equals("User") && !name.equals("Group")) {
                throw ScimException.notFound("No resource type " + name);
            }
            return Reply.ok(ScimDiscovery.resourceType(c.base(), name), null);
        });
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        return serve("ListSchemas", true, c -> Reply.ok(ScimDiscovery.list(ScimDiscovery.schemaIds().stream()
                .map(id -> ScimDiscovery.schema(c.base(), id)).toList()), null));
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        return serve("GetSchema", true, c -> {
            if (!ScimDiscovery.schemaIds().contains(id)) {
                throw ScimException.notFound("No schema " + id);
            }
            return Reply.ok(ScimDiscovery.schema(c.base(), id), null);
        });
    }

    @GET
    @Path("Users")
    public Response listUsers(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count) {
        return serve("ListUsers", true, c -> operations.listUsers(c, filter,
                ScimOperations.Paging.of(startIndex, count)));
    }

    @POST
    @Path("Users")
    @Consumes(MediaType.WILDCARD)
    public Response createUser(byte[] body) {
        return withBody("CreateUser", body, operations::createUser);
    }

    @GET
    @Path("Users/{id}")
    public Response getUser(@PathParam("id") String id) {
        return serve("DescribeUser", true, c -> operations.getUser(c, id));
    }

    @PUT
    @Path("Users/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response replaceUser(@PathParam("id") String id, byte[] body) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        return withBody("UpdateUser", body, (c, doc) -> operations.replaceUser(c, id, doc, ifMatch));
    }

    @PATCH
    @Path("Users/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response patchUser(@PathParam("id") String id, byte[] body) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        return withBody("UpdateUser", body, (c, doc) -> operations.patchUser(c, id, doc, ifMatch));
    }

    @DELETE
    @Path("Users/{id}")
    public Response deleteUser(@PathParam("id") String id) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        return serve("DeleteUser", false, c -> operations.deleteUser(c, id, ifMatch));
    }

    @GET
    @Path("Groups")
    public Response listGroups(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @QueryParam("excludedAttributes") String excluded) {
        return serve("ListGroups", true, c -> operations.listGroups(c, filter,
                ScimOperations.Paging.of(startIndex, count), !excludesMembers(excluded)));
    }

    @POST
    @Path("Groups")
    @Consumes(MediaType.WILDCARD)
    public Response createGroup(byte[] body) {
        return withBody("CreateGroup", body, operations::createGroup);
    }

    @GET
    @Path("Groups/{id}")
    public Response getGroup(@PathParam("id") String id, @QueryParam("excludedAttributes") String excluded) {
        return serve("DescribeGroup", true, c -> operations.getGroup(c, id, !excludesMembers(excluded)));
    }

    @PUT
    @Path("Groups/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response replaceGroup(@PathParam("id") String id, byte[] body) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        return withBody("UpdateGroup", body, (c, doc) -> operations.replaceGroup(c, id, doc, ifMatch));
    }

    @PATCH
    @Path("Groups/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response patchGroup(@PathParam("id") String id, byte[] body) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        return withBody("UpdateGroup", body, (c, doc) -> operations.patchGroup(c, id, doc, ifMatch));
    }

    @DELETE
    @Path("Groups/{id}")
    public Response deleteGroup(@PathParam("id") String id) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        return serve("DeleteGroup", false, c -> operations.deleteGroup(c, id, ifMatch));
    }
}
