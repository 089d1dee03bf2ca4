package io.gatehouse.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RoutingDriverTest {

    private final RoutingDriver driver = new RoutingDriver();

    @Test
    void acceptsMariaDbAndH2UrlsOnly() {
        assertThat(driver.acceptsURL("jdbc:mariadb://127.0.0.1:3306/x")).isTrue();
        assertThat(driver.acceptsURL("jdbc:h2:mem:x")).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://localhost/x")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void h2UrlsReachH2() throws SQLException {
        try (Connection connection = driver.connect("jdbc:h2:mem:routing;MODE=MariaDB", new Properties())) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
    }

    @Test
    void otherUrlsAreRefusedWithAnExplanation() {
        assertThatThrownBy(() -> driver.connect("jdbc:postgresql://localhost/x", new Properties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("jdbc:postgresql://localhost/x")
                .hasMessageContaining("jdbc:mariadb:")
                .hasMessageContaining("jdbc:h2:");
    }
}
