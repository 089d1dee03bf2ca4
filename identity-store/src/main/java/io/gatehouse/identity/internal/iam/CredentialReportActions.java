package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.CredentialReportEntity;
import io.gatehouse.identity.persistence.LoginProfileEntity;
import io.gatehouse.identity.persistence.MfaDeviceEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * GenerateCredentialReport and GetCredentialReport. The report is generated synchronously (so
 * GenerateCredentialReport answers COMPLETE) and kept per account; it is the CSV AWS documents,
 * with the {@code <root_account>} row first and one row per IAM user. A report older than four
 * hours is refused as ReportExpired, as AWS does.
 */
@ApplicationScoped
public class CredentialReportActions implements IamActionGroup {
    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated";
    private static final Duration LIFETIME = Duration.ofHours(4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final String NA = "N/A";

    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("GenerateCredentialReport", this::generate, "GetCredentialReport", this::get);
    }

    private AwsReply generate(AwsCall call) {
        String account = Guard.account(call);
        guard.require(call, "iam:GenerateCredentialReport", "*");
        CredentialReportEntity report = CredentialReportEntity.findById(account);
        if (report == null) {
            report = new CredentialReportEntity();
            report.accountId = account;
            report.generatedAt = clock.instant();
            report.content = csv(account);
            report.persist();
        } else {
            report.generatedAt = clock.instant();
            report.content = csv(account);
        }
        XmlWriter xml = new XmlWriter().element("State", "COMPLETE")
                .element("Description", "The credential report was generated at " + XmlWriter.date(report.generatedAt)
                        + ".");
        return Replies.write(xml, Map.of("state", "COMPLETE"));
    }

    private AwsReply get(AwsCall call) {
        String account = Guard.account(call);
        guard.require(call, "iam:GetCredentialReport", "*");
        CredentialReportEntity report = CredentialReportEntity.findById(account);
        if (report == null) {
            throw new AwsException("ReportNotPresent", 410, "Credential report not present. "
                    + "Generate one with GenerateCredentialReport.");
        }
        if (report.generatedAt.plus(LIFETIME).isBefore(clock.instant())) {
            throw new AwsException("ReportExpired", 410, "The credential report is more than 4 hours old. "
                    + "Generate a new one with GenerateCredentialReport.");
        }
        XmlWriter xml = new XmlWriter()
                .element("Content", Base64.getEncoder().encodeToString(report.content.getBytes(StandardCharsets.UTF_8)))
                .element("ReportFormat", "text/csv").element("GeneratedTime", report.generatedAt);
        return AwsReply.read(xml.toString());
    }

    private static String csv(String account) {
        StringBuilder out = new StringBuilder(HEADER);
        AccountEntity owner = AccountEntity.findById(account);
        // The root user: Gatehouse keeps no root password, MFA or certificates.
        List<AccessKeyEntity> rootKeys = AccessKeyEntity.list("accountId = ?1 and userId is null order by createdAt",
                account);
        out.append('\n').append(String.join(",", "<root_account>", "arn:aws:iam::" + account + ":root",
                time(owner == null ? null : owner.createdAt), "not_supported", NA, "not_supported", "not_supported",
                "false", keys(rootKeys), "false", NA, "false", NA));
        Integer maxAge = passwordMaxAge(account);
        for (UserEntity user : UserEntity.<UserEntity>list("accountId = ?1 order by nameLower", account)) {
            LoginProfileEntity login = LoginProfileEntity.findById(user.id);
            boolean mfa = MfaDeviceEntity.count("userId = ?1 and enabledAt is not null", user.id) > 0;
            List<AccessKeyEntity> keys = AccessKeyEntity.list("userId = ?1 order by createdAt", user.id);
            String nextRotation = login == null || maxAge == null ? NA
                    : time(login.changedAt.plus(maxAge, ChronoUnit.DAYS));
            out.append('\n').append(String.join(",", field(user.name), field(user.arn), time(user.createdAt),
                    Boolean.toString(login != null), login == null ? NA : orNa(user.passwordLastUsed),
                    login == null ? NA : time(login.changedAt), nextRotation, Boolean.toString(mfa), keys(keys),
                    "false", NA, "false", NA));
        }
        return out.append('\n').toString();
    }

    /** The ten access-key columns for the first two keys. */
    private static String keys(List<AccessKeyEntity> keys) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AccessKeyEntity key = i < keys.size() ? keys.get(i) : null;
            if (key == null) {
                columns.addAll(List.of("false", NA, NA, NA, NA));
            } else {
                columns.add(Boolean.toString("Active".equals(key.status)));
                columns.add(time(key.createdAt));
                columns.add(orNa(key.lastUsedAt));
                columns.add(key.lastUsedRegion == null ? NA : key.lastUsedRegion);
                columns.add(key.lastUsedService == null ? NA : key.lastUsedService);
            }
        }
        return String.join(",", columns);
    }

    private static Integer passwordMaxAge(String account) {
        List<?> rows = CredentialReportEntity.getEntityManager()
                .createNativeQuery("SELECT max_age_days FROM iam_password_policy WHERE account_id = ?1")
                .setParameter(1, account).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : ((Number) rows.get(0)).intValue();
    }

    /** Names may hold commas: such a field is quoted, as RFC 4180 has it. */
    private static String field(String value) {
        return value.indexOf(',') < 0 ? value : '"' + value + '"';
    }

    private static String orNa(Instant instant) {
        return instant == null ? NA : time(instant);
    }

    private static String time(Instant instant) {
        return instant == null ? NA : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
