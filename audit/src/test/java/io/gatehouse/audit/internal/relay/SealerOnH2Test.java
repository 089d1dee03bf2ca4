package io.gatehouse.audit.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.AuditStreams;
import io.gatehouse.audit.ValidationReport;
import io.gatehouse.audit.ValidationReport.Kind;
import io.gatehouse.audit.internal.chain.Chain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default (H2, no Kafka): the relay still seals every event into its account's chain
 * and writes signed digests, publishes nothing, and deletes nothing; what it sealed validates, and
 * tampering with it, deleting a record or swapping two is named by the validator.
 */
class SealerOnH2Test {

    private static final List<String> ACCOUNTS = List.of("111111111111", "222222222222");

    private JdbcDataSource dataSource;
    private Connection keepAlive;

    @BeforeEach
    void migrate() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sealer" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        keepAlive = dataSource.getConnection();
        Outbox.migrate(dataSource);
    }

    @Test
    void sealsWithoutKafkaAndTheValidatorNamesEachTampering() throws Exception {
        List<String> written = Outbox.write(dataSource, 30, ACCOUNTS);
        OutboxRelay relay = Outbox.relay(dataSource, Outbox.settings(Optional.empty(), "unused", "h2", Duration.ofSeconds(5)));
        assertThat(relay.runOnce()).isFalse();
        assertThat(relay.send().size()).isZero();
        assertThat(relay.deleteExpired()).isZero();
        assertThat(Outbox.unpublished(dataSource)).isEqualTo(30);

        List<String> stream = exported();
        assertThat(stream).hasSize(30 + ACCOUNTS.size()); // events, then one digest per account
        String keys = Outbox.keysJson(dataSource);
        ValidationReport clean = AuditStreams.validate(stream, keys);
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.events()).isEqualTo(30);
        assertThat(clean.digests()).isEqualTo(2);

        // Account 1's records are the even lines: seqs 1, 2, 3, ... at lines 0, 2, 4, ...
        List<String> tampered = new ArrayList<>(stream);
        tampered.set(4, tampered.get(4).replace("\"CreateUser\"", "\"DeleteUser\""));
        assertThat(AuditStreams.validate(tampered, keys).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.sequence()).isEqualTo(3);
            assertThat(p.eventId()).isEqualTo(written.get(4));
        });

        List<String> deleted = new ArrayList<>(stream);
        deleted.remove(6);
        assertThat(AuditStreams.validate(deleted, keys).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MISSING);
            assertThat(p.sequence()).isEqualTo(4);
            assertThat(p.detail()).contains(written.get(4), written.get(8));
        });

        List<String> swapped = new ArrayList<>(stream);
        swapped.set(8, stream.get(10));
        swapped.set(10, stream.get(8));
        assertThat(AuditStreams.validate(swapped, keys).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REORDERED);
            assertThat(p.eventId()).isEqualTo(written.get(8));
            assertThat(p.detail()).contains(written.get(10));
        });

        List<String> inserted = new ArrayList<>(stream);
        inserted.add(3, stream.get(2).replace(written.get(2), UUID.randomUUID().toString()));
        assertThat(AuditStreams.validate(inserted, keys).problems()).extracting(p -> p.kind())
                .contains(Kind.INSERTED);

        // Rewriting a record together with its hash breaks the link to the next one and the digest.
        List<String> rewritten = new ArrayList<>(stream);
        var record = Chain.parse(stream.get(4).replace("\"CreateUser\"", "\"DeleteUser\""));
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get(Chain.FIELD)).put("hash", Chain.recompute(record));
        rewritten.set(4, record.toString());
        assertThat(AuditStreams.validate(rewritten, keys).problems()).extracting(p -> p.kind())
                .containsExactly(Kind.ALTERED).isNotEmpty();
        keepAlive.close();
    }

    /**
     * Rows from before payloads were canonical (members unsorted, not marked) and the audit log's
     * canonical rows seal into one chain that validates, each published as it was stored.
     */
    @Test
    void sealsOlderAndCanonicalRowsIntoChainsThatValidate() throws Exception {
        List<String> written = Outbox.write(dataSource, 40, ACCOUNTS,
                i -> i % 3 == 0 ? Outbox.Payload.UNSORTED : Outbox.Payload.CANONICAL);
        Outbox.relay(dataSource, Outbox.settings(Optional.empty(), "unused", "h2", Duration.ofSeconds(5))).runOnce();

        List<String> stream = exported();
        ValidationReport report = AuditStreams.validate(stream, Outbox.keysJson(dataSource));
        assertThat(report.problems()).isEmpty();
        assertThat(report.events()).isEqualTo(40);
        assertThat(stream.get(0)).as("an older row, published unsorted").startsWith("{\"userIdentity\":")
                .contains(written.get(0));
        assertThat(stream.get(1)).as("a canonical row").startsWith("{\"awsRegion\":").contains(written.get(1));
    }

    /**
     * The mark alone decides how a row is hashed: an unsorted payload marked canonical is hashed from
     * the scan, and the validator, which canonicalizes what it receives, names the record as altered.
     * (Which is why only the writer of canonical payloads sets the mark.)
     */
    @Test
    void aRowMarkedCanonicalIsHashedWithoutCanonicalizingIt() throws Exception {
        List<String> written = Outbox.write(dataSource, 10, ACCOUNTS,
                i -> i == 4 ? Outbox.Payload.MISLABELLED : Outbox.Payload.CANONICAL);
        Outbox.relay(dataSource, Outbox.settings(Optional.empty(), "unused", "h2", Duration.ofSeconds(5))).runOnce();

        ValidationReport report = AuditStreams.validate(exported(), Outbox.keysJson(dataSource));
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.eventId()).isEqualTo(written.get(4));
        });
    }

    // The published form of every sealed event (as the relay would send it), then the digests.
    private List<String> exported() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT o.payload, s.chain_seq, s.prev_hash, s.chain_hash FROM aud_outbox o"
                            + " JOIN aud_seal s ON s.outbox_id = o.id ORDER BY o.seal_no");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    lines.add(Chain.seal(row.getString(1), row.getLong(2), row.getString(3), row.getString(4)));
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT payload FROM aud_digest ORDER BY id");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    lines.add(row.getString(1));
                }
            }
        }
        return lines;
    }
}
