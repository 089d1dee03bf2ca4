package io.gatehouse.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.policy.Finding;
import io.gatehouse.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Findings about valid documents that grant more than their author probably meant, in the
 * spirit of IAM Access Analyzer's policy checks. Runs only on documents the parser accepted.
 */
final class Linter {
    private static final List<String> ESCALATION = List.of("iam:createpolicyversion", "iam:setdefaultpolicyversion",
            "iam:attachuserpolicy", "iam:attachgrouppolicy", "iam:attachrolepolicy", "iam:putuserpolicy",
            "iam:putgrouppolicy", "iam:putrolepolicy", "iam:createaccesskey", "iam:createloginprofile",
            "iam:updateloginprofile", "iam:updateassumerolepolicy", "iam:addusertogroup",
            "iam:putuserpermissionsboundary", "iam:deleteuserpermissionsboundary");
    private static final Set<String> GLOBAL_KEYS = Set.of("aws:calledvia", "aws:calledviafirst", "aws:calledvialast",
            "aws:currenttime", "aws:epochtime", "aws:federatedprovider", "aws:multifactorauthage",
            "aws:multifactorauthpresent", "aws:principalaccount", "aws:principalarn", "aws:principalisawsservice",
            "aws:principalorgid", "aws:principalorgpaths", "aws:principalservicename",
            "aws:principalservicenameslist", "aws:principaltype", "aws:referer", "aws:requestedregion",
            "aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths", "aws:securetransport",
            "aws:sourceaccount", "aws:sourcearn", "aws:sourceidentity", "aws:sourceip", "aws:sourceorgid",
            "aws:sourceorgpaths", "aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn", "aws:tagkeys",
            "aws:tokenissuetime", "aws:useragent", "aws:userid", "aws:username", "aws:viaawsservice",
            "aws:vpcsourceip", "aws:ec2instancesourcevpc", "aws:ec2instancesourceprivateipv4", "aws:assumedroot");
    private static final List<String> TAG_KEY_PREFIXES = List.of("aws:principaltag/", "aws:requesttag/",
            "aws:resourcetag/");

    private final List<Finding> findings = new ArrayList<>();

    private Linter() {}

    static List<Finding> lint(String json) {
        Linter linter = new Linter();
        JsonNode root = Json.read(json);
        JsonNode version = root.get("Version");
        if (version == null || version.asText().equals(PolicyParser.VERSION_2008)) {
            boolean usesVariables = json.contains("${");
            linter.add(usesVariables ? Severity.WARNING : Severity.SUGGESTION, "OLD_VERSION", "Policy document",
                    usesVariables ? "Version 2008-10-17 (or none) does not substitute policy variables: \"${...}\" "
                            + "is matched as literal text; use \"2012-10-17\""
                            : "use Version \"2012-10-17\", the current policy language");
        }
        JsonNode statements = root.get("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String sid = s.hasNonNull("Sid") ? s.get("Sid").asText() : null;
            linter.statement(s, StatementParser.location(i, sid));
        }
        return linter.findings;
    }

    private void statement(JsonNode s, String where) {
        boolean allow = s.get("Effect").asText().equals("Allow");
        List<String> actions = lowered(s.get("Action"));
        boolean resourceAny = !s.has("Resource") && !s.has("NotResource") || lowered(s.get("Resource")).contains("*");
        boolean unconditional = !s.has("Condition");
        if (allow) {
            allowChecks(s, where, actions, resourceAny, unconditional);
        }
        if (s.has("NotPrincipal")) {
            add(Severity.WARNING, "NOT_PRINCIPAL", where, "NotPrincipal is hard to get right (a role session must be "
                    + "listed with its role and account); prefer Principal with a condition on aws:PrincipalArn");
        }
        if (s.has("Condition") && s.get("Condition").isObject()) {
            conditions(s.get("Condition"), where);
        }
        redundantActions(actions, where);
    }

    private void allowChecks(JsonNode s, String where, List<String> actions, boolean resourceAny, boolean unconditional) {
        boolean allActions = actions.contains("*") || actions.contains("*:*");
        if (allActions && resourceAny && unconditional) {
            add(Severity.WARNING, "ALLOW_ALL", where, "allows every action on every resource (\"*\" on \"*\"): "
                    + "this is full administrator access");
        }
        if (resourceAny && actions.stream().anyMatch(a -> Glob.of(a).matches("iam:passrole"))) {
            add(Severity.WARNING, "PASS_ROLE_ANY", where, "allows iam:PassRole on every role (\"*\"): the principal "
                    + "can hand any role, with its permissions, to a service; name the roles");
        }
        if (resourceAny && !allActions) {
            for (String escalation : ESCALATION) {
                if (actions.stream().anyMatch(a -> !a.equals("iam:*") && Glob.of(a).matches(escalation))) {
                    add(Severity.WARNING, "PRIVILEGE_ESCALATION", where, "allows " + escalation
                            + " on every resource, which lets the principal grant itself more access");
                    break;
                }
            }
        }
        if (s.has("NotAction")) {
            add(Severity.WARNING, "ALLOW_NOT_ACTION", where, "Allow with NotAction allows every action not listed, "
                    + "including actions of services added later; list the allowed actions instead");
        }
        if (s.has("NotResource")) {
            add(Severity.WARNING, "ALLOW_NOT_RESOURCE", where, "Allow with NotResource allows every resource not "
                    + "listed, including resources created later; list the allowed resources instead");
        }
        JsonNode principal = s.get("Principal");
        if (principal != null && unconditional && (principal.asText().equals("*")
                || principal.has("AWS") && lowered(principal.get("AWS")).contains("*"))) {
            add(Severity.WARNING, "PUBLIC_ACCESS", where, "allows any principal, from any account or none, "
                    + "without a condition");
        }
    }

    private void conditions(JsonNode block, String where) {
        block.fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(entry -> {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            String operator = op.getKey();
            if (key.startsWith("aws:") && !GLOBAL_KEYS.contains(key)
                    && TAG_KEY_PREFIXES.stream().noneMatch(key::startsWith)) {
                add(Severity.WARNING, "UNKNOWN_GLOBAL_KEY", where, "Condition key \"" + entry.getKey()
                        + "\" is not a known aws: global condition key; a misspelled key is never present");
            }
            String base = operator.endsWith("IfExists") ? operator.substring(0, operator.length() - 8) : operator;
            if ((base.endsWith("StringLike") || base.endsWith("ArnLike"))
                    && lowered(entry.getValue()).stream().noneMatch(v -> v.contains("*") || v.contains("?"))) {
                add(Severity.SUGGESTION, "LIKE_WITHOUT_WILDCARD", where, "Condition " + operator + " on \""
                        + entry.getKey() + "\" has no wildcard; StringEquals/ArnEquals says the same more plainly");
            }
            if (operator.equals("Bool") && key.equals("aws:multifactorauthpresent")
                    && lowered(entry.getValue()).contains("false")) {
                add(Severity.WARNING, "MFA_FALSE_WITHOUT_IFEXISTS", where, "Bool aws:MultiFactorAuthPresent \"false\" "
                        + "never matches requests made with long-term access keys (the key is absent); use BoolIfExists");
            }
        }));
    }

    private void redundantActions(List<String> actions, String where) {
        for (int i = 0; i < actions.size(); i++) {
            for (int j = 0; j < actions.size(); j++) {
                if (i != j && !actions.get(i).equals(actions.get(j)) && Glob.of(actions.get(j)).matches(actions.get(i))) {
                    add(Severity.SUGGESTION, "REDUNDANT_ACTION", where, "action \"" + actions.get(i)
                            + "\" is already covered by \"" + actions.get(j) + "\"");
                    return;
                }
            }
        }
    }

    private static List<String> lowered(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
        } else {
            out.add(node.asText().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private void add(Severity severity, String code, String location, String message) {
        findings.add(new Finding(severity, code, location, message));
    }
}
