package io.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The options table, the config mapping and application.properties say the same thing. */
class OptionsTest {

    @Test
    void environmentVariableNamesFollowTheOptionNames() {
        assertThat(Options.HTTP_PORT.envVar()).isEqualTo("GATEHOUSE_HTTP_PORT");
        assertThat(Options.DB_PASSWORD.envVar()).isEqualTo("GATEHOUSE_DB_PASSWORD");
        assertThat(Options.DATA_DIR.property()).isEqualTo("gatehouse.data-dir");
        assertThat(Options.DATA_DIR.flag()).isEqualTo("--data-dir");
    }

    @Test
    void secretsAreMasked() {
        assertThat(Options.DB_PASSWORD.display("hunter2")).isEqualTo("*****");
        assertThat(Options.DB_USERNAME.display("admin")).isEqualTo("admin");
    }

    @Test
    void everyOptionIsAMappingMethodWithTheSameDefault() throws NoSuchMethodException {
        assertThat(GatehouseConfig.class.getDeclaredMethods()).hasSameSizeAs(Options.ALL);
        for (Option option : Options.ALL) {
            Method method = GatehouseConfig.class.getMethod(camelCase(option.name()));
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            String mappedDefault = withDefault == null ? "" : withDefault.value()
                    .replace("${gatehouse.data-dir:./data}", "<data-dir>");
            assertThat(mappedDefault).as(option.name()).isEqualTo(option.defaultValue());
        }
    }

    @Test
    void applicationPropertiesFeedsEachQuarkusKeyFromItsOption() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = applicationProperties().openStream()) {
            properties.load(in);
        }
        for (Option option : Options.ALL) {
            option.quarkusKey().ifPresent(key -> assertThat(properties.getProperty(key)).as(key)
                    .isEqualTo("${" + option.property() + ":"
                            + option.defaultValue().replace("<data-dir>", "${gatehouse.data-dir:./data}") + "}"));
        }
    }

    @Test
    void environmentVariablesReachTheMappingAndQuarkusKeys() throws IOException {
        SmallRyeConfig config = config(Map.of("GATEHOUSE_HTTP_PORT", "8099", "GATEHOUSE_DATA_DIR", "/srv/gh"));
        GatehouseConfig mapped = config.getConfigMapping(GatehouseConfig.class);
        assertThat(mapped.httpPort()).isEqualTo(8099);
        assertThat(mapped.dataDir()).isEqualTo(Path.of("/srv/gh"));
        assertThat(mapped.dbUrl()).startsWith("jdbc:h2:file:/srv/gh/gatehouse;MODE=MariaDB");
        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(8099);
        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class))
                .isEqualTo("jdbc:h2:file:/srv/gh/gatehouse;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Test
    void defaultsApplyWhenNothingIsSet() throws IOException {
        SmallRyeConfig config = config(Map.of());
        GatehouseConfig mapped = config.getConfigMapping(GatehouseConfig.class);
        assertThat(mapped.httpPort()).isEqualTo(8080);
        assertThat(mapped.httpHost()).isEqualTo("0.0.0.0");
        assertThat(mapped.region()).isEqualTo("us-east-1");
        assertThat(mapped.dbUsername()).isEmpty();
        assertThat(mapped.dbPassword()).isEmpty();
        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class))
                .startsWith("jdbc:h2:file:./data/gatehouse;");
        assertThat(config.getOptionalValue("quarkus.datasource.password", String.class)).isEmpty();
    }

    private static SmallRyeConfig config(Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors() // expands ${...} expressions, as Quarkus does
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(applicationProperties(), 250))
                .withMapping(GatehouseConfig.class)
                .build();
    }

    private static URL applicationProperties() {
        return OptionsTest.class.getClassLoader().getResource("application.properties");
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }
}
