package io.gatehouse.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.identity.internal.auth.StoreSigningSecrets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.internal.crypto.PasswordHasher;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.iam.Arns;
import io.gatehouse.identity.internal.organizations.Organizations;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.AttachmentEntity;
import io.gatehouse.identity.persistence.LoginProfileEntity;
import io.gatehouse.identity.persistence.PolicyEntity;
import io.gatehouse.identity.persistence.PolicyVersionEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * First start: with an empty store, creates the management account and an administrator IAM user
 * with AdministratorAccess, an access key and a console password (from the bootstrap options, or
 * generated and handed over once). Every start: adds any Gatehouse-managed policy that is missing.
 */
@ApplicationScoped
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    static final String ADMIN_USER = "admin";

    @Inject
    SecretBox secretBox;
    @Inject
    PasswordHasher passwordHasher;
    @Inject
    Clock clock;
    @Inject
    BootstrapHandover handover;
    @Inject
    Organizations organizations;
    @ConfigProperty(name = "gatehouse.bootstrap-admin-access-key-id")
    Optional<String> accessKeyId;
    @ConfigProperty(name = "gatehouse.bootstrap-admin-secret-access-key")
    Optional<String> secretAccessKey;
    @ConfigProperty(name = "gatehouse.bootstrap-admin-password")
    Optional<String> password;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::ensureManagedPolicies);
        BootstrapHandover.Admin admin = QuarkusTransaction.requiringNew().call(this::bootstrapIfEmpty);
        if (admin != null) {
            handover.handOver(admin);
        }
        try {
            QuarkusTransaction.requiringNew().run(organizations::ensure);
        } catch (RuntimeException e) {
            // Another replica created it at the same moment (the unique management account refused ours).
            if (QuarkusTransaction.requiringNew().call(organizations::current) == null) {
                throw e;
            }
        }
    }

    private void ensureManagedPolicies() {
        Instant now = clock.instant();
        for (JsonNode definition : definitions()) {
            String name = definition.get("name").asText();
            String arn = "arn:aws:iam::aws:policy/" + name;
            if (PolicyEntity.byArn(arn).isPresent()) {
                continue;
            }
            PolicyEntity policy = new PolicyEntity();
            policy.id = AwsIds.policyId();
            policy.name = name;
            policy.nameLower = name.toLowerCase(Locale.ROOT);
            policy.path = definition.get("path").asText();
            policy.arn = arn;
            policy.description = definition.get("description").asText();
            policy.defaultVersion = "v1";
            policy.nextVersion = 2;
            policy.createdAt = now;
            policy.updatedAt = now;
            policy.persist();
            PolicyVersionEntity version = new PolicyVersionEntity();
            version.policyId = policy.id;
            version.versionId = "v1";
            version.document = definition.get("document").toString();
            version.createdAt = now;
            version.persist();
        }
    }

    private static JsonNode definitions() {
        try (InputStream in = Bootstrap.class.getResourceAsStream("/gatehouse/managed-policies.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("managed policy definitions are missing from the build", e);
        }
    }

    private BootstrapHandover.Admin bootstrapIfEmpty() {
        if (AccountEntity.count() > 0) {
            return null;
        }
        Instant now = clock.instant();
        AccountEntity account = new AccountEntity();
        account.id = AwsIds.accountId();
        account.name = "management";
        account.status = "ACTIVE";
        account.management = true;
        account.createdAt = now;
        account.persist();

        UserEntity user = new UserEntity();
        user.id = AwsIds.userId();
        user.accountId = account.id;
        user.name = ADMIN_USER;
        user.nameLower = ADMIN_USER;
        user.path = "/";
        user.arn = Arns.iam(account.id, "user", "/", ADMIN_USER);
        user.createdAt = now;
        user.persist();

        AttachmentEntity attachment = new AttachmentEntity();
        attachment.principalId = user.id;
        attachment.policyId = PolicyEntity.byArn("arn:aws:iam::aws:policy/AdministratorAccess").orElseThrow().id;
        attachment.principalType = "USER";
        attachment.persist();

        String keyId = accessKeyId.filter(s -> !s.isBlank()).orElseGet(AwsIds::accessKeyId);
        String secret = secretAccessKey.filter(s -> !s.isBlank()).orElseGet(AwsIds::secretAccessKey);
        AccessKeyEntity key = new AccessKeyEntity();
        key.id = keyId;
        key.userId = user.id;
        key.accountId = account.id;
        key.secretSealed = secretBox.sealToBase64(secret, StoreSigningSecrets.aad(keyId));
        key.status = "Active";
        key.createdAt = now;
        key.persist();

        String consolePassword = password.filter(s -> !s.isBlank()).orElseGet(BootstrapHandover::generatePassword);
        LoginProfileEntity login = new LoginProfileEntity();
        login.userId = user.id;
        login.passwordHash = passwordHasher.hash(consolePassword.toCharArray());
        login.resetRequired = false;
        login.createdAt = now;
        login.changedAt = now;
        login.persist();
        LOG.infof("bootstrapped management account %s with administrator %s", account.id, user.arn);
        boolean generated = accessKeyId.isEmpty() || secretAccessKey.isEmpty() || password.isEmpty();
        return new BootstrapHandover.Admin(account.id, user.name, keyId, secret, consolePassword, generated);
    }
}
