package io.gatehouse.audit.internal.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready} entry {@code audit-relay}: always UP (audit trouble must not take a
 * replica out of the load balancer: calls still commit their events to the outbox), with
 * {@code state} {@code ok}, {@code degraded} (Kafka unreachable or events older than a minute
 * unpublished) or {@code database-only} (no Kafka configured), and the lag figures.
 */
@Readiness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

    static final double DEGRADED_LAG_SECONDS = 60;

    @Inject
    RelayRunner runner;

    @Override
    public HealthCheckResponse call() {
        RelayRunner.Status status = runner.status();
        String state = !status.enabled() ? "database-only"
                : "unreachable".equals(status.kafka()) || status.lagSeconds() > DEGRADED_LAG_SECONDS ? "degraded" : "ok";
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit-relay").up()
                .withData("state", state)
                .withData("kafka", status.kafka())
                .withData("leader", status.leader())
                .withData("unpublished", status.unpublished())
                .withData("lagSeconds", (long) Math.ceil(status.lagSeconds()));
        status.lastError().ifPresent(error -> response.withData("lastError", error));
        return response.build();
    }
}
