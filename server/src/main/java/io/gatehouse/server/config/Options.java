package io.gatehouse.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The table of every Gatehouse option: the one list that the command line ({@code --help} and
 * parsing) and the configuration ({@link GatehouseConfig}, {@code application.properties}) follow.
 * {@code OptionsTest} checks that those two agree with this table.
 */
public final class Options {

    /** The default H2 database, a file under the data directory, in MariaDB mode. */
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:<data-dir>/gatehouse"
            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public static final Option HTTP_PORT = new Option("http-port", "8080",
            "TCP port of the one HTTP listener", false, Optional.of("quarkus.http.port"));
    public static final Option HTTP_HOST = new Option("http-host", "0.0.0.0",
            "address the HTTP listener binds to", false, Optional.of("quarkus.http.host"));
    public static final Option DATA_DIR = new Option("data-dir", "./data",
            "directory for the embedded database and generated keys (relative to the current directory)",
            false, Optional.empty());
    public static final Option DB_URL = new Option("db-url", DEFAULT_DB_URL,
            "JDBC URL: jdbc:mariadb://host:port/db for MariaDB, jdbc:h2:... for the embedded H2",
            false, Optional.of("quarkus.datasource.jdbc.url"));
    public static final Option DB_USERNAME = new Option("db-username", "",
            "database user", false, Optional.of("quarkus.datasource.username"));
    public static final Option DB_PASSWORD = new Option("db-password", "",
            "database password", true, Optional.of("quarkus.datasource.password"));
    public static final Option REGION = new Option("region", "us-east-1",
            "AWS region name this Gatehouse answers as", false, Optional.empty());

    public static final Option MASTER_KEY = new Option("master-key", "",
            "base64 of the 32-byte key that seals secrets at rest; generated into the data directory on the "
                    + "embedded database, required (and the same on every replica) with MariaDB", true, Optional.empty());
    public static final Option BOOTSTRAP_ACCESS_KEY_ID = new Option("bootstrap-admin-access-key-id", "",
            "access key id of the administrator created on first start (generated if unset)", false, Optional.empty());
    public static final Option BOOTSTRAP_SECRET_ACCESS_KEY = new Option("bootstrap-admin-secret-access-key", "",
            "its secret access key (generated if unset)", true, Optional.empty());
    public static final Option BOOTSTRAP_PASSWORD = new Option("bootstrap-admin-password", "",
            "its console password (generated if unset)", true, Optional.empty());

    public static final Option KAFKA_BOOTSTRAP_SERVERS = new Option("kafka-bootstrap-servers", "",
            "Kafka brokers (host:port,...) for the audit stream; unset: audit events stay in the database",
            false, Optional.empty());
    public static final Option AUDIT_TOPIC = new Option("audit-topic", "gatehouse.audit.v1",
            "Kafka topic of the audit stream (created if missing)", false, Optional.empty());
    public static final Option AUDIT_PARTITIONS = new Option("audit-partitions", "6",
            "partitions of the audit topic when Gatehouse creates it", false, Optional.empty());
    public static final Option AUDIT_REPLICATION_FACTOR = new Option("audit-replication-factor", "3",
            "replication factor of the audit topic when Gatehouse creates it (1 is allowed, with a warning)",
            false, Optional.empty());
    public static final Option AUDIT_MIN_INSYNC_REPLICAS = new Option("audit-min-insync-replicas", "2",
            "min.insync.replicas of the audit topic when Gatehouse creates it", false, Optional.empty());
    public static final Option AUDIT_RETENTION = new Option("audit-retention", "90d",
            "how long events stay in the database after Kafka acknowledged them (LookupEvents reads them)",
            false, Optional.empty());
    public static final Option AUDIT_DIGEST_INTERVAL = new Option("audit-digest-interval", "1h",
            "how often each account's audit chain gets a signed digest record", false, Optional.empty());

    public static final Option WRITE_CONCURRENCY = new Option("write-concurrency", "auto",
            "write calls whose transactions run at once (auto: twice the processors, at least 4); more wait in"
            + " line", false, Optional.empty());

    /** Every option, in the order {@code --help} lists them. */
    public static final List<Option> ALL = List.of(HTTP_PORT, HTTP_HOST, DATA_DIR, DB_URL, DB_USERNAME,
            DB_PASSWORD, REGION, WRITE_CONCURRENCY, MASTER_KEY, BOOTSTRAP_ACCESS_KEY_ID, BOOTSTRAP_SECRET_ACCESS_KEY, BOOTSTRAP_PASSWORD,
            KAFKA_BOOTSTRAP_SERVERS, AUDIT_TOPIC, AUDIT_PARTITIONS, AUDIT_REPLICATION_FACTOR, AUDIT_MIN_INSYNC_REPLICAS,
            AUDIT_RETENTION, AUDIT_DIGEST_INTERVAL);

    private Options() {
    }

    /** The option called {@code name}, if there is one. */
    public static Optional<Option> find(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
