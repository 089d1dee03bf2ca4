package io.gatehouse.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** With no db-url the server runs on the embedded H2 file database under the data directory. */
@QuarkusTest
class EmbeddedH2HealthTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DataDirectory dataDirectory;

    @Test
    void healthIsUpIncludingTheDatabase() {
        given().when().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void metricsAreExposed() {
        given().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void theDatabaseIsH2InItsFileUnderTheDataDirectory() throws Exception {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT H2VERSION()")) {
            assertThat(rows.next()).isTrue();
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:file:");
        }
        assertThat(Files.isDirectory(dataDirectory.path())).isTrue();
        assertThat(dataDirectory.path().resolve("gatehouse.mv.db")).exists();
    }
}
