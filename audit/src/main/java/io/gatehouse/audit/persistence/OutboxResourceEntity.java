package io.gatehouse.audit.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code aud_outbox_resource}: a resource of an outbox event, written in the event's
 * transaction, for LookupEvents' ResourceType and ResourceName filters.
 */
@Entity
@Table(name = "aud_outbox_resource")
public class OutboxResourceEntity extends PanacheEntityBase {

    /** Longest {@link #resourceType} stored; longer types are stored as null. */
    public static final int MAX_TYPE = 128;
    /** Longest {@link #resourceName} stored; longer names are stored as null. */
    public static final int MAX_NAME = 512;
    /** Longest {@link #resourceArn} stored; longer ARNs are stored as null. */
    public static final int MAX_ARN = 640;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    /** The {@link OutboxEventEntity#id} of the event. */
    @Column(name = "outbox_id", nullable = false, updatable = false)
    public Long outboxId;

    /** The event's account, repeated so the filters read one account's index range. */
    @Column(name = "account_id", nullable = false, updatable = false, length = 12)
    public String accountId;

    @Column(name = "resource_type", updatable = false)
    public String resourceType;

    @Column(name = "resource_name", updatable = false)
    public String resourceName;

    @Column(name = "resource_arn", updatable = false)
    public String resourceArn;
}
