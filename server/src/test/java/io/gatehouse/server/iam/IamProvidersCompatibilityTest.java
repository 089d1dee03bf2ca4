package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

/** SAML and OpenID Connect identity providers through the AWS SDK. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamProvidersCompatibilityTest {
    private static final String THUMB_A = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private static final String THUMB_B = "0123456789abcdef0123456789abcdef01234567";

    private final IamClient iam = Iam.admin();

    /** A SAML metadata document (of at least 1,000 characters, as IAM requires). */
    static String metadata(String entityId, String validUntil, String prolog) {
        String certificate = "MIIC" + "A".repeat(1200);
        return prolog + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + entityId
                + "\"" + (validUntil == null ? "" : " validUntil=\"" + validUntil + "\"") + ">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<ds:X509Data><ds:X509Certificate>" + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                + "</md:KeyDescriptor><md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "
                + "Location=\"https://idp.example.com/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    @Test
    void samlProviderLifecycle() {
        String name = Iam.name("corp-idp");
        String document = metadata("https://idp.example.com", "2031-01-01T00:00:00Z", "");
        var created = iam.createSAMLProvider(r -> r.name(name).samlMetadataDocument(document)
                .tags(Tag.builder().key("owner").value("security").build()));
        String arn = created.samlProviderArn();
        assertThat(arn).matches("arn:aws:iam::\\d{12}:saml-provider/" + name);
        assertThat(created.tags()).extracting(Tag::key).containsExactly("owner");
        try {
            GetSamlProviderResponse fetched = iam.getSAMLProvider(r -> r.samlProviderArn(arn));
            assertThat(fetched.samlMetadataDocument()).isEqualTo(document);
            assertThat(fetched.validUntil()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
            assertThat(fetched.createDate()).isNotNull();
            assertThat(fetched.tags()).extracting(Tag::value).containsExactly("security");
            assertThat(iam.listSAMLProviders().samlProviderList()).extracting(SAMLProviderListEntry::arn).contains(arn);

            EntityAlreadyExistsException duplicate = catchThrowableOfType(EntityAlreadyExistsException.class,
                    () -> iam.createSAMLProvider(r -> r.name(name).samlMetadataDocument(document)));
            assertThat(duplicate.statusCode()).isEqualTo(409);

            String updated = metadata("https://idp.example.com", "2032-06-01T00:00:00Z", "");
            assertThat(iam.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(updated))
                    .samlProviderArn()).isEqualTo(arn);
            assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).validUntil())
                    .isEqualTo(Instant.parse("2032-06-01T00:00:00Z"));
        } finally {
            iam.deleteSAMLProvider(r -> r.samlProviderArn(arn));
        }
        NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getSAMLProvider(r -> r.samlProviderArn(arn)));
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void samlMetadataWithADoctypeOrExternalEntityIsRefused() {
        String xxe = metadata("&xxe;", null,
                "<?xml version=\"1.0\"?><!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
        IamException refused = catchThrowableOfType(IamException.class,
                () -> iam.createSAMLProvider(r -> r.name(Iam.name("xxe")).samlMetadataDocument(xxe)));
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorMessage()).doesNotContain("root:");

        String billionLaughs = metadata("&lol2;", null, "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>");
        assertThat(catchThrowableOfType(IamException.class, () -> iam.createSAMLProvider(r -> r.name(Iam.name("lol"))
                .samlMetadataDocument(billionLaughs))).awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        String wrongRoot = "<Metadata>" + "x".repeat(1200) + "</Metadata>";
        assertThat(catchThrowableOfType(IamException.class, () -> iam.createSAMLProvider(r -> r.name(Iam.name("root"))
                .samlMetadataDocument(wrongRoot))).awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        String notXml = "<md:EntityDescriptor" + "y".repeat(1200);
        assertThat(catchThrowableOfType(IamException.class, () -> iam.createSAMLProvider(r -> r.name(Iam.name("bad"))
                .samlMetadataDocument(notXml))).awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        IamException tooShort = catchThrowableOfType(IamException.class, () -> iam.createSAMLProvider(r -> r
                .name(Iam.name("short")).samlMetadataDocument("<md:EntityDescriptor/>")));
        assertThat(tooShort.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        IamException badName = catchThrowableOfType(IamException.class, () -> iam.createSAMLProvider(r -> r
                .name("bad name").samlMetadataDocument(metadata("x", null, ""))));
        assertThat(badName.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    }

    @Test
    void openIdConnectProviderLifecycle() {
        String host = Iam.name("issuer") + ".example.com";
        String arn = iam.createOpenIDConnectProvider(r -> r.url("https://" + host + "/tenant")
                .clientIDList("app-1").thumbprintList(THUMB_A)).openIDConnectProviderArn();
        assertThat(arn).matches("arn:aws:iam::\\d{12}:oidc-provider/" + host + "/tenant");
        try {
            GetOpenIdConnectProviderResponse fetched = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
            assertThat(fetched.url()).isEqualTo(host + "/tenant");
            assertThat(fetched.clientIDList()).containsExactly("app-1");
            assertThat(fetched.thumbprintList()).containsExactly(THUMB_A);
            assertThat(fetched.createDate()).isNotNull();
            assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
                    .extracting(OpenIDConnectProviderListEntry::arn).contains(arn);

            iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app-2"));
            iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app-2"));
            iam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app-1"));
            iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(THUMB_B, THUMB_A));
            fetched = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
            assertThat(fetched.clientIDList()).containsExactly("app-2");
            assertThat(fetched.thumbprintList()).containsExactly(THUMB_B, THUMB_A);

            EntityAlreadyExistsException duplicate = catchThrowableOfType(EntityAlreadyExistsException.class,
                    () -> iam.createOpenIDConnectProvider(r -> r.url("https://" + host + "/tenant/")));
            assertThat(duplicate.statusCode()).isEqualTo(409);
        } finally {
            iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        }
        NoSuchEntityException gone = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void openIdConnectInputIsValidated() {
        String host = Iam.name("bad") + ".example.com";
        IamException http = catchThrowableOfType(IamException.class,
                () -> iam.createOpenIDConnectProvider(r -> r.url("http://" + host)));
        assertThat(http.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
        assertThat(http.statusCode()).isEqualTo(400);

        IamException thumb = catchThrowableOfType(IamException.class,
                () -> iam.createOpenIDConnectProvider(r -> r.url("https://" + host).thumbprintList("z".repeat(40))));
        assertThat(thumb.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        IamException shortThumb = catchThrowableOfType(IamException.class,
                () -> iam.createOpenIDConnectProvider(r -> r.url("https://" + host).thumbprintList("abc")));
        assertThat(shortThumb.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        IamException tooMany = catchThrowableOfType(IamException.class, () -> iam.createOpenIDConnectProvider(r -> r
                .url("https://" + host).thumbprintList(THUMB_A, THUMB_B, "1".repeat(40), "2".repeat(40),
                        "3".repeat(40), "4".repeat(40))));
        assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");

        String account = iam.getUser().user().arn().split(":")[4];
        NoSuchEntityException missing = catchThrowableOfType(NoSuchEntityException.class, () -> iam
                .getOpenIDConnectProvider(r -> r.openIDConnectProviderArn("arn:aws:iam::" + account + ":oidc-provider/" + host)));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void managingProvidersNeedsPermission() {
        Iam.Principal hal = Iam.newUser(iam, "hal");
        try {
            IamException denied = catchThrowableOfType(IamException.class, () -> hal.client()
                    .createOpenIDConnectProvider(r -> r.url("https://" + Iam.name("h") + ".example.com")));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            IamException deniedSaml = catchThrowableOfType(IamException.class, () -> hal.client().listSAMLProviders());
            assertThat(deniedSaml.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(deniedSaml.statusCode()).isEqualTo(403);
        } finally {
            iam.deleteAccessKey(r -> r.userName(hal.user().userName()).accessKeyId(hal.key().accessKeyId()));
            iam.deleteUser(r -> r.userName(hal.user().userName()));
        }
    }
}
