package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validation of identity-provider input: SAML metadata (parsed with DTDs, external entities and
 * XInclude disabled, so a document cannot make the server read files or URLs), OIDC issuer URLs,
 * client ids and thumbprints. Everything refused is InvalidInput or ValidationError.
 */
final class ProviderInputs {
    static final Pattern SAML_NAME = Pattern.compile("[\\w._-]+");
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9a-fA-F]{40}");
    static final int MAX_CLIENT_IDS = 100;
    static final int MAX_THUMBPRINTS = 5;

    /** The metadata document's root element, once well-formed. */
    record Metadata(Instant validUntil) {}

    private ProviderInputs() {}

    /** Refuses anything but a well-formed SAML metadata document with an EntityDescriptor root. */
    static Metadata samlMetadata(String document) {
        Constraints.length(document, "sAMLMetadataDocument", 1000, 10_000_000);
        Element root;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            root = builder.parse(new InputSource(new StringReader(document))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw AwsException.invalidInput("Could not parse metadata: the document is not well-formed XML "
                    + "or declares a DOCTYPE, which is not accepted.");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        }
        if (!"EntityDescriptor".equals(root.getLocalName())) {
            throw AwsException.invalidInput("Could not parse metadata: the root element must be EntityDescriptor.");
        }
        String validUntil = root.getAttribute("validUntil");
        try {
            return new Metadata(validUntil.isEmpty() ? null : Instant.parse(validUntil));
        } catch (DateTimeParseException e) {
            throw AwsException.invalidInput("Could not parse metadata: validUntil is not an ISO 8601 time.");
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /**
     * An OIDC issuer URL: https, a host, no query or fragment. Returns it as AWS keeps it: without
     * the scheme and without a trailing slash ({@code host/path}).
     */
    static String oidcUrl(String url) {
        Constraints.length(url, "url", 1, 255);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw AwsException.invalidInput("Invalid Openid Connect Provider URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw AwsException.invalidInput("Invalid Openid Connect Provider URL: " + url
                    + ". The URL must begin with https:// and name a host, without query or fragment.");
        }
        String rest = url.substring("https://".length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int slash = rest.indexOf('/');
        return host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + (slash < 0 ? "" : rest.substring(slash));
    }

    static List<String> clientIds(List<String> ids) {
        if (ids.size() > MAX_CLIENT_IDS) {
            throw AwsException.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: "
                    + MAX_CLIENT_IDS);
        }
        ids.forEach(ProviderInputs::clientId);
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    static String clientId(String id) {
        Constraints.length(id, "clientID", 1, 255);
        if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            throw AwsException.invalidInput("Client ID must not contain line breaks.");
        }
        return id;
    }

    static List<String> thumbprints(List<String> thumbprints) {
        if (thumbprints.size() > MAX_THUMBPRINTS) {
            throw AwsException.limitExceeded("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: "
                    + MAX_THUMBPRINTS);
        }
        List<String> normalized = new ArrayList<>();
        for (String t : thumbprints) {
            Constraints.length(t, "thumbprintList.member", 40, 40);
            if (!THUMBPRINT.matcher(t).matches()) {
                throw AwsException.invalidInput("Thumbprint " + t + " is not a 40-character hexadecimal SHA-1 digest.");
            }
            normalized.add(t.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(new LinkedHashSet<>(normalized));
    }

    /** The id under which a provider's tags are stored (ARNs are longer than tag rows' entity ids). */
    static String tagId(String arn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            return "provider:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static List<String> lines(String stored) {
        List<String> out = new ArrayList<>();
        for (String line : stored.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
