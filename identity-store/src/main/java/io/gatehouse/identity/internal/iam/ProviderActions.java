package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.OidcProviderEntity;
import io.gatehouse.identity.persistence.SamlProviderEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SAML and OpenID Connect identity providers: Create/Get/List/Update/Delete SAMLProvider and
 * Create/Get/List/Delete OpenIDConnectProvider with client-id and thumbprint updates. Providers
 * are found by ARN; one that does not exist (or belongs to another account) is NoSuchEntity,
 * reported only once the caller may act on that ARN.
 */
@ApplicationScoped
public class ProviderActions implements IamActionGroup {
    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        Map<String, IamAction> actions = new HashMap<>();
        actions.put("CreateSAMLProvider", this::createSaml);
        actions.put("GetSAMLProvider", this::getSaml);
        actions.put("ListSAMLProviders", this::listSaml);
        actions.put("UpdateSAMLProvider", this::updateSaml);
        actions.put("DeleteSAMLProvider", this::deleteSaml);
        actions.put("CreateOpenIDConnectProvider", this::createOidc);
        actions.put("GetOpenIDConnectProvider", this::getOidc);
        actions.put("ListOpenIDConnectProviders", this::listOidc);
        actions.put("AddClientIDToOpenIDConnectProvider", this::addClientId);
        actions.put("RemoveClientIDFromOpenIDConnectProvider", this::removeClientId);
        actions.put("UpdateOpenIDConnectProviderThumbprint", this::updateThumbprints);
        actions.put("DeleteOpenIDConnectProvider", this::deleteOidc);
        return actions;
    }

    // SAML

    private AwsReply createSaml(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = Constraints.length(p.required("Name"), "name", 1, 128);
        Constraints.pattern(name, "name", ProviderInputs.SAML_NAME);
        String document = p.required("SAMLMetadataDocument");
        Map<String, String> tags = Constraints.tags(p.tags("Tags"));
        String arn = "arn:aws:iam::" + account + ":saml-provider/" + name;
        guard.require(call, "iam:CreateSAMLProvider", arn, Guard.tagContext(tags, null));
        ProviderInputs.Metadata metadata = ProviderInputs.samlMetadata(document);
        if (SamlProviderEntity.findById(arn) != null) {
            throw AwsException.alreadyExists("SAMLProvider " + name + " already exists.");
        }
        SamlProviderEntity provider = new SamlProviderEntity();
        provider.arn = arn;
        provider.accountId = account;
        provider.name = name;
        provider.metadata = document;
        provider.validUntil = metadata.validUntil();
        provider.createdAt = clock.instant();
        provider.persist();
        Tags.put(ProviderInputs.tagId(arn), tags);
        XmlWriter xml = new XmlWriter().element("SAMLProviderArn", arn);
        Tags.write(xml, tags);
        return Replies.write(xml, Map.of("sAMLProviderArn", arn), saml(provider));
    }

    private SamlProviderEntity samlProvider(AwsCall call, String action) {
        String arn = Constraints.length(call.params().required("SAMLProviderArn"), "sAMLProviderArn", 20, 2048);
        SamlProviderEntity provider = SamlProviderEntity.findById(arn);
        boolean mine = provider != null && provider.accountId.equals(Guard.account(call));
        Map<String, String> tags = mine ? Tags.of(ProviderInputs.tagId(arn)) : null;
        guard.require(call, action, arn, Guard.tagContext(null, tags));
        if (!mine) {
            throw AwsException.noSuchEntity("Manifest not found for arn " + arn);
        }
        return provider;
    }

    private AwsReply getSaml(AwsCall call) {
        SamlProviderEntity provider = samlProvider(call, "iam:GetSAMLProvider");
        XmlWriter xml = new XmlWriter().element("SAMLMetadataDocument", provider.metadata)
                .element("CreateDate", provider.createdAt).element("ValidUntil", provider.validUntil);
        Tags.write(xml, Tags.of(ProviderInputs.tagId(provider.arn)));
        return AwsReply.read(xml.toString());
    }

    private AwsReply listSaml(AwsCall call) {
        String account = Guard.account(call);
        guard.require(call, "iam:ListSAMLProviders", "*");
        XmlWriter xml = new XmlWriter().start("SAMLProviderList");
        for (SamlProviderEntity provider : SamlProviderEntity.<SamlProviderEntity>list("accountId = ?1 order by arn",
                account)) {
            xml.start("member").element("Arn", provider.arn).element("ValidUntil", provider.validUntil)
                    .element("CreateDate", provider.createdAt).end("member");
        }
        return AwsReply.read(xml.end("SAMLProviderList").toString());
    }

    private AwsReply updateSaml(AwsCall call) {
        SamlProviderEntity provider = samlProvider(call, "iam:UpdateSAMLProvider");
        String document = call.params().optional("SAMLMetadataDocument").orElse(null);
        if (document != null) {
            provider.validUntil = ProviderInputs.samlMetadata(document).validUntil();
            provider.metadata = document;
        }
        XmlWriter xml = new XmlWriter().element("SAMLProviderArn", provider.arn);
        return Replies.write(xml, Map.of("sAMLProviderArn", provider.arn), saml(provider));
    }

    private AwsReply deleteSaml(AwsCall call) {
        SamlProviderEntity provider = samlProvider(call, "iam:DeleteSAMLProvider");
        Tags.removeAll(ProviderInputs.tagId(provider.arn));
        provider.delete();
        return Replies.write(null, null, saml(provider));
    }

    private static AwsReply.Resource saml(SamlProviderEntity provider) {
        return new AwsReply.Resource("AWS::IAM::SAMLProvider", provider.arn, provider.accountId);
    }

    // OpenID Connect

    private AwsReply createOidc(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String url = ProviderInputs.oidcUrl(p.required("Url"));
        List<String> clientIds = ProviderInputs.clientIds(p.list("ClientIDList"));
        List<String> thumbprints = ProviderInputs.thumbprints(p.list("ThumbprintList"));
        Map<String, String> tags = Constraints.tags(p.tags("Tags"));
        String arn = "arn:aws:iam::" + account + ":oidc-provider/" + url;
        guard.require(call, "iam:CreateOpenIDConnectProvider", arn, Guard.tagContext(tags, null));
        if (OidcProviderEntity.findById(arn) != null) {
            throw AwsException.alreadyExists("Provider with url https://" + url + " already exists.");
        }
        OidcProviderEntity provider = new OidcProviderEntity();
        provider.arn = arn;
        provider.accountId = account;
        provider.url = url;
        provider.clientIds = String.join("\n", clientIds);
        provider.thumbprints = String.join("\n", thumbprints);
        provider.createdAt = clock.instant();
        provider.persist();
        Tags.put(ProviderInputs.tagId(arn), tags);
        XmlWriter xml = new XmlWriter().element("OpenIDConnectProviderArn", arn);
        Tags.write(xml, tags);
        return Replies.write(xml, Map.of("openIDConnectProviderArn", arn), oidc(provider));
    }

    private OidcProviderEntity oidcProvider(AwsCall call, String action) {
        String arn = Constraints.length(call.params().required("OpenIDConnectProviderArn"), "openIDConnectProviderArn",
                20, 2048);
        OidcProviderEntity provider = OidcProviderEntity.findById(arn);
        boolean mine = provider != null && provider.accountId.equals(Guard.account(call));
        Map<String, String> tags = mine ? Tags.of(ProviderInputs.tagId(arn)) : null;
        guard.require(call, action, arn, Guard.tagContext(null, tags));
        if (!mine) {
            throw AwsException.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
        }
        return provider;
    }

    private AwsReply getOidc(AwsCall call) {
        OidcProviderEntity provider = oidcProvider(call, "iam:GetOpenIDConnectProvider");
        XmlWriter xml = new XmlWriter().element("Url", provider.url);
        list(xml, "ClientIDList", ProviderInputs.lines(provider.clientIds));
        list(xml, "ThumbprintList", ProviderInputs.lines(provider.thumbprints));
        xml.element("CreateDate", provider.createdAt);
        Tags.write(xml, Tags.of(ProviderInputs.tagId(provider.arn)));
        return AwsReply.read(xml.toString());
    }

    private AwsReply listOidc(AwsCall call) {
        String account = Guard.account(call);
        guard.require(call, "iam:ListOpenIDConnectProviders", "*");
        XmlWriter xml = new XmlWriter().start("OpenIDConnectProviderList");
        for (OidcProviderEntity provider : OidcProviderEntity.<OidcProviderEntity>list("accountId = ?1 order by arn",
                account)) {
            xml.start("member").element("Arn", provider.arn).end("member");
        }
        return AwsReply.read(xml.end("OpenIDConnectProviderList").toString());
    }

    private AwsReply addClientId(AwsCall call) {
        OidcProviderEntity provider = oidcProvider(call, "iam:AddClientIDToOpenIDConnectProvider");
        String id = ProviderInputs.clientId(call.params().required("ClientID"));
        List<String> ids = ProviderInputs.lines(provider.clientIds);
        if (!ids.contains(id)) {
            ids.add(id);
            provider.clientIds = String.join("\n", ProviderInputs.clientIds(ids));
        }
        return Replies.write(null, null, oidc(provider));
    }

    private AwsReply removeClientId(AwsCall call) {
        OidcProviderEntity provider = oidcProvider(call, "iam:RemoveClientIDFromOpenIDConnectProvider");
        String id = ProviderInputs.clientId(call.params().required("ClientID"));
        List<String> ids = ProviderInputs.lines(provider.clientIds);
        ids.remove(id);
        provider.clientIds = String.join("\n", ids);
        return Replies.write(null, null, oidc(provider));
    }

    private AwsReply updateThumbprints(AwsCall call) {
        OidcProviderEntity provider = oidcProvider(call, "iam:UpdateOpenIDConnectProviderThumbprint");
        List<String> given = call.params().list("ThumbprintList");
        if (given.isEmpty()) {
            call.params().required("ThumbprintList");
        }
        provider.thumbprints = String.join("\n", ProviderInputs.thumbprints(given));
        return Replies.write(null, null, oidc(provider));
    }

    private AwsReply deleteOidc(AwsCall call) {
        OidcProviderEntity provider = oidcProvider(call, "iam:DeleteOpenIDConnectProvider");
        Tags.removeAll(ProviderInputs.tagId(provider.arn));
        provider.delete();
        return Replies.write(null, null, oidc(provider));
    }

    private static void list(XmlWriter xml, String name, List<String> values) {
        xml.start(name);
        values.forEach(v -> xml.element("member", v));
        xml.end(name);
    }

    private static AwsReply.Resource oidc(OidcProviderEntity provider) {
        return new AwsReply.Resource("AWS::IAM::OIDCProvider", provider.arn, provider.accountId);
    }
}
