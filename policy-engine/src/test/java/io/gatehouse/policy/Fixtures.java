package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared helpers for the public-API tests: documents, principals, requests. */
final class Fixtures {
    static final PolicyEngine ENGINE = PolicyEngine.create();
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final Principal ALICE = Principal.fromArn("arn:aws:iam::" + ACCOUNT + ":user/alice");
    static final Principal BOB = Principal.fromArn("arn:aws:iam::" + ACCOUNT + ":user/bob");
    static final Principal ROOT = Principal.fromArn("arn:aws:iam::" + ACCOUNT + ":root");
    static final Principal OTHER_ROOT = Principal.fromArn("arn:aws:iam::" + OTHER_ACCOUNT + ":root");
    static final Principal OTHER_USER = Principal.fromArn("arn:aws:iam::" + OTHER_ACCOUNT + ":user/carol");
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/app";
    static final String SESSION_ARN = "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/s1";
    static final Principal ROLE_SESSION = Principal.fromArn(SESSION_ARN);

    static final String ACTION = "s3:GetObject";
    static final String RESOURCE = "arn:aws:s3:::bucket/key";

    private Fixtures() {}

    /** Lets tests write JSON with single quotes. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A 2012-10-17 document around the given Statement JSON (object or array). */
    static String doc(String statementJson) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statementJson + "}";
    }

    static Policy compile(String json, PolicyKind kind) {
        return ENGINE.compile(json, kind);
    }

    static Policy identity(String statementJson) {
        return compile(doc(statementJson), PolicyKind.IDENTITY);
    }

    /** Allow (or Deny) of an action on a resource, optionally with a Sid. */
    static String stmt(String effect, String action, String resource) {
        return q("{'Effect':'" + effect + "','Action':'" + action + "','Resource':'" + resource + "'}");
    }

    static String sidStmt(String sid, String effect, String action, String resource) {
        return q("{'Sid':'" + sid + "','Effect':'" + effect + "','Action':'" + action + "','Resource':'" + resource + "'}");
    }

    static String array(String... statements) {
        return "[" + String.join(",", statements) + "]";
    }

    /** An identity policy with one Allow of ACTION on * under the given Condition block JSON. */
    static Policy allowWhen(String conditionJson) {
        return identity(q("{'Effect':'Allow','Action':'" + ACTION + "','Resource':'*','Condition':") + conditionJson
                + "}");
    }

    static RequestContext ctx(Object... keyValues) {
        RequestContext.Builder b = RequestContext.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof List<?> list) {
                List<String> values = new ArrayList<>();
                list.forEach(x -> values.add((String) x));
                b.put((String) keyValues[i], values);
            } else if (v instanceof String[] arr) {
                b.put((String) keyValues[i], Arrays.asList(arr));
            } else {
                b.put((String) keyValues[i], (String) v);
            }
        }
        return b.build();
    }

    static Request request(Principal who, String action, String resource, RequestContext context) {
        return new Request(who, action, resource, null, context);
    }

    static Decision evaluate(PolicySet set, Request request) {
        return ENGINE.evaluate(set, request);
    }

    /** Whether ACTION on RESOURCE by alice is allowed by the single identity policy under the context. */
    static boolean allows(Policy identityPolicy, RequestContext context) {
        return evaluate(PolicySet.builder().identity(identityPolicy).build(),
                request(ALICE, ACTION, RESOURCE, context)).allowed();
    }

    /** Shortcut for a one-operator, one-key condition: {op: {key: valuesJson}} with valuesJson raw JSON. */
    static boolean condition(String operator, String key, String valuesJson, RequestContext context) {
        return allows(allowWhen("{\"" + operator + "\":{\"" + key + "\":" + valuesJson + "}}"), context);
    }
}
