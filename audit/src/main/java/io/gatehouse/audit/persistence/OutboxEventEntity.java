package io.gatehouse.audit.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of {@code aud_outbox}: an event's CloudTrail JSON ({@link #payload}), written in the
 * transaction of the call it records, plus copies of the fields LookupEvents filters on (from which
 * the relay's sealer builds LookupEvents' index, {@code aud_lookup}, as it seals the row).
 *
 * <p>{@link #id} grows in insertion order. The relay's column, {@code seal_no} (0 until the row is
 * sealed), is not mapped: only the relay writes it, with plain JDBC, and the chain fields in
 * {@code aud_seal}. The schema is Flyway's ({@code db/migration/audit}), never Hibernate's.
 */
@Entity
@Table(name = "aud_outbox")
public class OutboxEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    /** CloudTrail's {@code eventID}, a UUID. */
    @Column(name = "event_id", nullable = false, updatable = false, length = 36)
    public String eventId;

    /** {@code recipientAccountId}: whose trail the event belongs to. */
    @Column(name = "account_id", nullable = false, updatable = false, length = 12)
    public String accountId;

    @Column(name = "event_time", nullable = false, updatable = false)
    public Instant eventTime;

    @Column(name = "event_source", nullable = false, updatable = false)
    public String eventSource;

    @Column(name = "event_name", nullable = false, updatable = false)
    public String eventName;

    /** LookupEvents' user name: the IAM user, the role session, or {@code root}. */
    @Column(name = "username", updatable = false)
    public String username;

    @Column(name = "access_key_id", updatable = false)
    public String accessKeyId;

    @Column(name = "read_only", nullable = false, updatable = false)
    public boolean readOnly;

    @Column(name = "error_code", updatable = false)
    public String errorCode;

    /** The redacted CloudTrail record. */
    @Column(name = "payload", nullable = false, updatable = false)
    public String payload;

    /**
     * Whether {@link #payload} is already the hash chain's canonical JSON (as
     * {@code CloudTrailJson.write} writes it), so that the relay may hash it without parsing it.
     * Set it only for such a payload: a wrong {@code true} gives the record a hash no validator
     * reproduces. False (the column's default) is always safe.
     */
    @Column(name = "payload_canonical", nullable = false, updatable = false)
    public boolean payloadCanonical;

    /** The record's managementEvent: LookupEvents returns only these, as CloudTrail's event history does. */
    @Column(name = "management_event", nullable = false, updatable = false)
    public boolean managementEvent = true;
}
