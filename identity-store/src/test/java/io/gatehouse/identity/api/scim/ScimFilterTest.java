package io.gatehouse.identity.api.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SCIM filters compiled to JPQL conditions: indexed columns, escapes, precedence, refusals. */
class ScimFilterTest {

    private static ScimFilter.Compiled users(String filter) {
        return ScimFilter.compile(filter, ScimUsers.FILTERS, 2);
    }

    @Test
    void userNameEqualityIsOneLowerCasedIndexedComparison() {
        ScimFilter.Compiled compiled = users("userName eq \"Jane@Example.com\"");
        assertThat(compiled.where()).isEqualTo("r.userNameLower = ?2");
        assertThat(compiled.parameters()).containsExactly("jane@example.com");
    }

    @Test
    void emailsAndExternalIdsUseTheirIndexes() {
        assertThat(users("emails.value eq \"A@b.c\"").where()).isEqualTo("r.emailHash = ?2");
        assertThat(users("emails.value eq \"A@b.c\"").parameters().get(0)).asString().hasSize(64);
        ScimFilter.Compiled external = users("externalId eq \"Ext-1\"");
        assertThat(external.where()).startsWith("r.id in (select e.resourceId").endsWith("e.externalId = ?2)");
        assertThat(external.parameters()).containsExactly("Ext-1");
    }

    @Test
    void andBindsTighterThanOrAndNotAndParenthesesWork() {
        ScimFilter.Compiled compiled = users("userName sw \"a\" or active eq false and not (displayName co \"x%\")");
        assertThat(compiled.where()).isEqualTo("(r.userNameLower like ?2 escape '!' or (r.active = ?3 and not"
                + " (lower(r.displayName) like ?4 escape '!')))");
        assertThat(compiled.parameters()).isEqualTo(List.of("a%", false, "%x!%%"));
    }

    @Test
    void presenceAndCaseInsensitiveNamesAndUrnPrefixes() {
        assertThat(users("TITLE pr").where()).isEqualTo("r.title is not null");
        assertThat(users("urn:ietf:params:scim:schemas:core:2.0:User:userName EQ \"x\"").where())
                .isEqualTo("r.userNameLower = ?2");
    }

    @Test
    void unsupportedOrMalformedFiltersAreInvalidFilter() {
        for (String filter : List.of("shoeSize eq \"9\"", "userName eq", "userName eq \"open", "(userName eq \"a\"",
                "userName eq \"a\" junk", "active eq \"yes\"", "emails.value co \"x\"", "userName eq null")) {
            assertThat(catchThrowableOfType(ScimException.class, () -> users(filter)).scimType()).as(filter)
                    .isEqualTo("invalidFilter");
        }
    }
}
