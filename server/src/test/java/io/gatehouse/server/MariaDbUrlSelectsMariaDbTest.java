package io.gatehouse.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The same build, given a jdbc:mariadb: db-url, talks to MariaDB. */
@QuarkusTest
@TestProfile(MariaDbProfile.class)
class MariaDbUrlSelectsMariaDbTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theDatasourceIsMariaDb() throws Exception {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT VERSION(), DATABASE()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).contains("MariaDB");
            assertThat(rows.getString(2)).startsWith("gatehouse_test_");
        }
    }

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
