package io.gatehouse.audit.internal;

import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.EventHistory;
import io.gatehouse.audit.LookupAttribute;
import io.gatehouse.audit.LookupPage;
import io.gatehouse.audit.LookupQuery;
import io.gatehouse.audit.persistence.OutboxEventEntity;
import io.gatehouse.audit.persistence.OutboxResourceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link EventHistory} on the outbox: a keyset query over {@code aud_outbox} in (event time, id)
 * order, newest first, one account only, management events only (as CloudTrail's event history);
 * the resource filters through {@code aud_outbox_resource}.
 * Portable JPQL, so the same query serves MariaDB and H2.
 */
@ApplicationScoped
public class OutboxEventHistory implements EventHistory {

    private final EntityManager entityManager;

    @Inject
    public OutboxEventHistory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional
    public LookupPage lookup(LookupQuery query) {
        NextTokens.Cursor cursor = query.nextToken() == null ? null : NextTokens.read(query, query.nextToken());
        try {
            List<OutboxEventEntity> rows = rows(query, cursor);
            boolean more = rows.size() > query.maxResults();
            List<OutboxEventEntity> page = more ? rows.subList(0, query.maxResults()) : rows;
            Map<Long, List<LookupPage.Resource>> resources = resources(page);
            List<LookupPage.Event> events = new ArrayList<>(page.size());
            for (OutboxEventEntity row : page) {
                events.add(new LookupPage.Event(row.eventId, row.eventName, row.readOnly, row.accessKeyId,
                        row.eventTime, row.eventSource, row.username, resources.getOrDefault(row.id, List.of()),
                        row.payload));
            }
            OutboxEventEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
            return new LookupPage(events, more ? NextTokens.issue(query, last.eventTime, last.id) : null);
        } catch (PersistenceException e) {
            throw new AuditException("could not read the events of account " + query.accountId(), e);
        }
    }

    /** One row more than the page, to know whether another page follows. */
    private List<OutboxEventEntity> rows(LookupQuery query, NextTokens.Cursor cursor) {
        // Management events only, as CloudTrail's event history: data events are on the stream.
        StringBuilder jpql = new StringBuilder("select e from OutboxEventEntity e where e.accountId = :account"
                + " and e.managementEvent = true");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", query.accountId());
        if (query.startTime() != null) {
            jpql.append(" and e.eventTime >= :start");
            params.put("start", query.startTime());
        }
        if (query.endTime() != null) {
            jpql.append(" and e.eventTime <= :end");
            params.put("end", query.endTime());
        }
        if (query.attribute() != null) {
            filter(query.attribute(), jpql, params);
        }
        if (cursor != null) {
            jpql.append(" and (e.eventTime < :cursorTime or (e.eventTime = :cursorTime and e.id < :cursorId))");
            params.put("cursorTime", cursor.eventTime());
            params.put("cursorId", cursor.id());
        }
        jpql.append(" order by e.eventTime desc, e.id desc");
        TypedQuery<OutboxEventEntity> typed = entityManager.createQuery(jpql.toString(), OutboxEventEntity.class);
        params.forEach(typed::setParameter);
        return typed.setMaxResults(query.maxResults() + 1).getResultList();
    }

    private static void filter(LookupAttribute attribute, StringBuilder jpql, Map<String, Object> params) {
        String value = attribute.value();
        switch (attribute.key()) {
            case EVENT_ID -> jpql.append(" and e.eventId = :value");
            case EVENT_NAME -> jpql.append(" and e.eventName = :value");
            case USERNAME -> jpql.append(" and e.username = :value");
            case EVENT_SOURCE -> jpql.append(" and e.eventSource = :value");
            case ACCESS_KEY_ID -> jpql.append(" and e.accessKeyId = :value");
            case READ_ONLY -> {
                jpql.append(" and e.readOnly = :readOnly");
                params.put("readOnly", Boolean.parseBoolean(value));
                return;
            }
            case RESOURCE_TYPE -> jpql.append(" and exists (select r.id from OutboxResourceEntity r where"
                    + " r.accountId = e.accountId and r.outboxId = e.id and r.resourceType = :value)");
            case RESOURCE_NAME -> jpql.append(" and exists (select r.id from OutboxResourceEntity r where"
                    + " r.accountId = e.accountId and r.outboxId = e.id and r.")
                    .append(EventResources.isArn(value) ? "resourceArn" : "resourceName").append(" = :value)");
            default -> throw new IllegalStateException("unhandled lookup attribute " + attribute.key());
        }
        params.put("value", value);
    }

    private Map<Long, List<LookupPage.Resource>> resources(List<OutboxEventEntity> page) {
        Map<Long, List<LookupPage.Resource>> out = new LinkedHashMap<>();
        if (page.isEmpty()) {
            return out;
        }
        List<OutboxResourceEntity> rows = entityManager.createQuery("select r from OutboxResourceEntity r"
                + " where r.outboxId in :ids order by r.id", OutboxResourceEntity.class)
                .setParameter("ids", page.stream().map(e -> e.id).toList()).getResultList();
        for (OutboxResourceEntity row : rows) {
            out.computeIfAbsent(row.outboxId, id -> new ArrayList<>())
                    .add(new LookupPage.Resource(row.resourceType, row.resourceName));
        }
        return out;
    }
}
