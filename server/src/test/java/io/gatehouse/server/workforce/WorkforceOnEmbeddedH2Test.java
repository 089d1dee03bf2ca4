package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.WorkforceDirectory;
import io.gatehouse.identity.internal.workforce.IdentityStores;
import io.gatehouse.identity.internal.workforce.ScimTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The workforce directory on the embedded default (H2 in MariaDB mode): the migration runs, the
 * identity store is created on start, and SCIM's queries (indexed equality, LIKE with escapes,
 * lower() on TEXT, subqueries) and PATCH work there as on MariaDB.
 */
@QuarkusTest
class WorkforceOnEmbeddedH2Test {
    @Inject
    WorkforceDirectory directory;
    @Inject
    ScimTokens tokens;
    @Inject
    IdentityStores stores;

    @Test
    void scimProvisionsOnH2() throws Exception {
        assertThat(directory.identityStoreId()).matches("d-[0-9a-f]{10}");
        String token = QuarkusTransaction.requiringNew().call(() -> tokens.issue(stores.current().id(), "test", 1)
                .token());
        Scim.Client scim = new Scim.Client(token);
        String name = "h2_user%" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = scim.json("POST", "/Users", """
                {"userName":"%s","displayName":"On H2","externalId":"%s",
                 "emails":[{"value":"%s@example.com","primary":true}]}""".formatted(name, name, name), 201);
        String id = created.path("id").asText();
        for (String filter : new String[] {"userName eq \"" + name + "\"", "userName sw \"" + name + "\"",
                "displayName co \"on h\" and userName ew \"" + name.substring(name.length() - 4) + "\"",
                "externalId eq \"" + name + "\"", "emails.value eq \"" + name + "@example.com\""}) {
            JsonNode found = scim.json("GET", "/Users?filter=" + Scim.query(filter), null, 200);
            assertThat(found.path("Resources")).as(filter).extracting(n -> n.path("id").asText()).contains(id);
        }
        scim.json("PATCH", "/Users/" + id, """
                {"Operations":[{"op":"Replace","path":"active","value":"False"}]}""", 200);
        assertThat(directory.isActive(id)).isFalse();
    }
}
