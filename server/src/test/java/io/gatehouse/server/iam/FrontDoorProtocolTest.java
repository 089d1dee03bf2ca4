package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The front door's protocol behaviour, driven over raw HTTP with the AWS SDK's own SigV4 signer:
 * every refusal is AWS error XML with AWS's code and status, never a 500 or a stack trace; every
 * call, allowed or refused, leaves one CloudTrail record without secrets.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class FrontDoorProtocolTest {
    private static final String LIST_USERS = "Action=ListUsers&Version=2010-05-08";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSignedRequestIsServed() throws Exception {
        HttpResponse<String> response = SignedHttp.send(SignedHttp.signForm(LIST_USERS, SignedHttp.admin(),
                Instant.now()), LIST_USERS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(response.body()).startsWith("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
                .contains("<ListUsersResult><Users><member>").contains("<RequestId>");
    }

    @Test
    void aTamperedBodyDoesNotMatchItsSignature() throws Exception {
        SdkHttpRequest signed = SignedHttp.signForm(LIST_USERS, SignedHttp.admin(), Instant.now());
        HttpResponse<String> response = SignedHttp.send(signed, "Action=DeleteUser&UserName=admin&Version=2010-05-08");
        assertError(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void anUnknownKeyAnswersExactlyLikeAWrongSecret() throws Exception {
        HttpResponse<String> unknown = SignedHttp.send(SignedHttp.signForm(LIST_USERS,
                AwsCredentialsIdentity.create("AKIAUNKNOWNKEY000000", "x".repeat(40)), Instant.now()), LIST_USERS);
        HttpResponse<String> wrongSecret = SignedHttp.send(SignedHttp.signForm(LIST_USERS,
                AwsCredentialsIdentity.create(IamApiProfile.ADMIN_KEY_ID, "y".repeat(40)), Instant.now()), LIST_USERS);
        assertError(unknown, 403, "SignatureDoesNotMatch");
        assertError(wrongSecret, 403, "SignatureDoesNotMatch");
        assertThat(message(unknown.body())).isEqualTo(message(wrongSecret.body()));
    }

    @Test
    void aClockSixMinutesOffIsRefused() throws Exception {
        assertError(SignedHttp.send(SignedHttp.signForm(LIST_USERS, SignedHttp.admin(),
                Instant.now().minus(Duration.ofMinutes(6))), LIST_USERS), 403, "RequestTimeTooSkewed");
        assertError(SignedHttp.send(SignedHttp.signForm(LIST_USERS, SignedHttp.admin(),
                Instant.now().plus(Duration.ofMinutes(6))), LIST_USERS), 403, "RequestTimeTooSkewed");
    }

    @Test
    void aPresignedUrlWorksUntilItExpires() throws Exception {
        URI valid = SignedHttp.presign(LIST_USERS, SignedHttp.admin(), Instant.now(), Duration.ofMinutes(5));
        HttpResponse<String> ok = SignedHttp.get(valid);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("<UserName>admin</UserName>");
        URI expired = SignedHttp.presign(LIST_USERS, SignedHttp.admin(), Instant.now().minus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5));
        assertError(SignedHttp.get(expired), 400, "RequestExpired");
    }

    @Test
    void aForgedSessionTokenIsRefused() throws Exception {
        AwsCredentialsIdentity forged = SignedHttp.withToken("ASIAFORGEDKEY0000000", "z".repeat(40), "GH1.not-a-token");
        assertError(SignedHttp.send(SignedHttp.signForm(LIST_USERS, forged, Instant.now()), LIST_USERS), 403,
                "InvalidClientTokenId");
    }

    @Test
    void unsignedMalformedAndUnknownRequestsGetProtocolErrors() throws Exception {
        assertError(SignedHttp.postUnsigned(LIST_USERS), 403, "MissingAuthenticationToken");
        String unknown = "Action=FrobnicateUser&Version=2010-05-08";
        assertError(SignedHttp.send(SignedHttp.signForm(unknown, SignedHttp.admin(), Instant.now()), unknown), 400,
                "InvalidAction");
        String noAction = "Version=2010-05-08";
        assertError(SignedHttp.send(SignedHttp.signForm(noAction, SignedHttp.admin(), Instant.now()), noAction), 400,
                "MissingAction");
        String badEncoding = "Action=GetUser&UserName=%zz";
        assertError(SignedHttp.send(SignedHttp.signForm(badEncoding, SignedHttp.admin(), Instant.now()), badEncoding),
                400, "MalformedQueryString");
        String badMax = "Action=ListUsers&Version=2010-05-08&MaxItems=lots";
        assertError(SignedHttp.send(SignedHttp.signForm(badMax, SignedHttp.admin(), Instant.now()), badMax), 400,
                "ValidationError");
    }

    @Test
    void otherMethodsAndOversizedBodiesGetHttpAndProtocolAnswers() throws Exception {
        HttpResponse<String> put = SignedHttp.chunked("PUT", LIST_USERS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).hasValue("GET, POST");
        // Without a Content-Length the size is only known while reading: the front door counts it.
        byte[] oversized = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(oversized, (byte) 'a');
        assertError(SignedHttp.chunked("POST", oversized), 413, "RequestEntityTooLarge");
        // Just under the limit is read whole, and refused for what it is.
        byte[] large = java.util.Arrays.copyOf(oversized, oversized.length - 1);
        assertError(SignedHttp.chunked("POST", large), 403, "MissingAuthenticationToken");
        // Its record keeps who, when and how, but not 10 MiB of parameters: the relay must publish it.
        List<String> bounded = records("error_code = 'MissingAuthenticationToken' and payload like ?",
                "%requestParameters left out%");
        assertThat(bounded).isNotEmpty().allSatisfy(r -> assertThat(r.length()).isLessThan(256 * 1024));
    }

    @Test
    void callsWithoutAnAuthenticatedCallerAreRecordedToo() throws Exception {
        String marker = Iam.name("unsigned");
        String body = "Action=GetUser&Version=2010-05-08&UserName=" + marker;
        assertError(SignedHttp.postUnsigned(body), 403, "MissingAuthenticationToken");
        assertError(SignedHttp.send(SignedHttp.signForm(body, AwsCredentialsIdentity.create("AKIAUNKNOWNKEY000000",
                "x".repeat(40)), Instant.now()), body), 403, "SignatureDoesNotMatch");
        List<String> records = records("1 = 1 and payload like ?", "%" + marker + "%");
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).contains("\"errorCode\":\"MissingAuthenticationToken\"", "\"type\":\"Unknown\"",
                "\"recipientAccountId\":\"");
        assertThat(records.get(1)).contains("\"errorCode\":\"SignatureDoesNotMatch\"");
    }

    @Test
    void everyCallLeavesOneAuditRecordAndSecretsNeverReachIt() throws Exception {
        IamClient admin = Iam.admin();
        String name = Iam.name("audited");
        admin.createUser(r -> r.userName(name));
        AccessKey key = admin.createAccessKey(r -> r.userName(name)).accessKey();
        // Refused calls are recorded too.
        assertThat(catchThrowable(() -> admin.getUser(r -> r.userName(name + "-missing"))))
                .isInstanceOf(NoSuchEntityException.class);
        List<String> records = records("event_name in ('CreateUser','CreateAccessKey','GetUser') and payload like ?",
                "%" + name + "%");
        assertThat(records).hasSize(3);
        String createUser = records.get(0);
        assertThat(createUser).contains("\"eventSource\":\"iam.amazonaws.com\"", "\"eventName\":\"CreateUser\"",
                "\"type\":\"IAMUser\"", "\"accessKeyId\":\"" + IamApiProfile.ADMIN_KEY_ID + "\"",
                "\"userName\":\"" + name + "\"", "\"readOnly\":false");
        assertThat(records.get(2)).contains("\"errorCode\":\"NoSuchEntity\"");
        String all = String.join("\n", records("1 = 1 and payload like ?", "%"));
        assertThat(all).doesNotContain(key.secretAccessKey()).doesNotContain(IamApiProfile.ADMIN_SECRET);
        admin.deleteAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()));
        admin.deleteUser(r -> r.userName(name));
    }

    private List<String> records(String where, String like) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select payload from aud_outbox where " + where + " order by id")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">",
                "<Code>" + code + "</Code>", "<RequestId>").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String message(String body) {
        return body.replaceAll("(?s).*<Message>(.*)</Message>.*", "$1");
    }
}
