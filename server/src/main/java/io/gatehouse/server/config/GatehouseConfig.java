package io.gatehouse.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gatehouse's own configuration, under the {@code gatehouse} prefix. Every option is listed in
 * {@link Options} and can be set as {@code --name value} on the command line or as the
 * environment variable {@code GATEHOUSE_NAME} (upper case, {@code -} becomes {@code _}).
 * {@code application.properties} feeds the Quarkus settings (HTTP listener, datasource) from
 * these.
 */
@ConfigMapping(prefix = GatehouseConfig.PREFIX)
public interface GatehouseConfig {

    String PREFIX = "gatehouse";

    /** TCP port of the one HTTP listener ({@code http-port}, default 8080). */
    @WithDefault("8080")
    int httpPort();

    /** Address the HTTP listener binds to ({@code http-host}, default {@code 0.0.0.0}: all). */
    @WithDefault("0.0.0.0")
    String httpHost();

    /**
     * Directory for the embedded database and generated keys ({@code data-dir}, default
     * {@code ./data}); created on start. A relative path is relative to the working directory.
     */
    @WithDefault("./data")
    Path dataDir();

    /**
     * JDBC URL of the database ({@code db-url}). {@code jdbc:mariadb:} selects MariaDB; the default
     * is an H2 file database under the data directory in MariaDB mode.
     */
    @WithDefault("jdbc:h2:file:${gatehouse.data-dir:./data}/gatehouse;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
    String dbUrl();

    /** Database user ({@code db-username}); none by default. */
    Optional<String> dbUsername();

    /** Database password ({@code db-password}); none by default. A secret: never printed. */
    Optional<String> dbPassword();

    /** AWS region name that Gatehouse answers as ({@code region}, default {@code us-east-1}). */
    @WithDefault("us-east-1")
    String region();

    /**
     * Write calls whose transactions run at once ({@code write-concurrency}): {@code auto} (twice the
     * processors, at least 4) or a positive number; read by identity-store's {@code WriteGate}.
     */
    @WithDefault("auto")
    String writeConcurrency();

    /** Master key ({@code master-key}), base64 of 32 bytes; a secret, never printed. */
    Optional<String> masterKey();

    /** Access key id of the first administrator ({@code bootstrap-admin-access-key-id}). */
    Optional<String> bootstrapAdminAccessKeyId();

    /** Its secret access key ({@code bootstrap-admin-secret-access-key}); a secret. */
    Optional<String> bootstrapAdminSecretAccessKey();

    /** Its console password ({@code bootstrap-admin-password}); a secret. */
    Optional<String> bootstrapAdminPassword();

    /** Kafka's bootstrap servers for the audit stream; empty: events stay in the database. */
    Optional<String> kafkaBootstrapServers();

    /** The audit topic. */
    @WithDefault("gatehouse.audit.v1")
    String auditTopic();

    /** Partitions of the audit topic when Gatehouse creates it. */
    @WithDefault("6")
    int auditPartitions();

    /** Replication factor of the audit topic when Gatehouse creates it. */
    @WithDefault("3")
    short auditReplicationFactor();

    /** {@code min.insync.replicas} of the audit topic when Gatehouse creates it. */
    @WithDefault("2")
    int auditMinInsyncReplicas();

    /**
     * How long published events stay in the outbox: a Quarkus duration ({@code 90d}, {@code 12h},
     * {@code PT30M}), converted where the audit relay reads it.
     */
    @WithDefault("90d")
    String auditRetention();

    /** How often each account's chain gets a signed digest: a Quarkus duration, as above. */
    @WithDefault("1h")
    String auditDigestInterval();
}
