package io.gatehouse.identity.internal.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgInputTest {
    private static ObjectNode in() {
        return OrgWire.object();
    }

    @Test
    void idsAreCheckedAgainstTheModelsPatterns() {
        assertThat(OrgInput.PARENT_ID.matcher("r-ab12").matches()).isTrue();
        assertThat(OrgInput.PARENT_ID.matcher("ou-ab12-abcdefgh").matches()).isTrue();
        assertThat(OrgInput.CHILD_ID.matcher("123456789012").matches()).isTrue();
        assertThat(OrgInput.TARGET_ID.matcher("p-abcdefgh").matches()).isFalse();
        assertThat(OrgInput.TAGGABLE_ID.matcher("p-FullAWSAccess").matches()).isTrue();
        AwsException bad = catchThrowableOfType(AwsException.class,
                () -> OrgInput.required(in().put("AccountId", "12"), "AccountId", 1, 12, OrgInput.ACCOUNT_ID));
        assertThat(bad.code()).isEqualTo("InvalidInputException");
        assertThat(bad.members()).containsEntry("Reason", "INVALID_PATTERN_TARGET_ID");
        AwsException missing = catchThrowableOfType(AwsException.class,
                () -> OrgInput.required(in(), "Name", 1, 128, OrgInput.ANY));
        assertThat(missing.members()).containsEntry("Reason", "INPUT_REQUIRED");
        AwsException wrongType = catchThrowableOfType(AwsException.class,
                () -> OrgInput.required(in().put("Name", 5), "Name", 1, 128, OrgInput.ANY));
        assertThat(wrongType.code()).isEqualTo("SerializationException");
    }

    @Test
    void maxResultsIsOneToTwenty() {
        assertThat(OrgInput.maxResults(in())).isEqualTo(20);
        assertThat(OrgInput.maxResults(in().put("MaxResults", 3))).isEqualTo(3);
        assertThat(catchThrowableOfType(AwsException.class, () -> OrgInput.maxResults(in().put("MaxResults", 21)))
                .members()).containsEntry("Reason", "MAX_VALUE_EXCEEDED");
        assertThat(catchThrowableOfType(AwsException.class, () -> OrgInput.maxResults(in().put("MaxResults", 0)))
                .members()).containsEntry("Reason", "MIN_VALUE_EXCEEDED");
    }

    @Test
    void inMemoryPagesVisitEveryRowOnceWhateverTheCase() {
        List<String> rows = List.of("p-abcdefgh", "p-FullAWSAccess", "p-zzzzzzzz", "p-Aaaaaaaa");
        List<String> seen = new ArrayList<>();
        ObjectNode in = in().put("MaxResults", 1);
        while (true) {
            OrgPages.Page<String> page = OrgPages.page(in, "policy", rows, id -> id);
            seen.addAll(page.items());
            if (page.nextToken() == null) {
                break;
            }
            in = in().put("MaxResults", 1).put("NextToken", page.nextToken());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(rows).doesNotHaveDuplicates();
        AwsException foreign = catchThrowableOfType(AwsException.class,
                () -> OrgPages.page(in().put("NextToken", "bm90LW91cnM="), "policy", rows, id -> id));
        assertThat(foreign.members()).containsEntry("Reason", "INVALID_NEXT_TOKEN");
    }
}
