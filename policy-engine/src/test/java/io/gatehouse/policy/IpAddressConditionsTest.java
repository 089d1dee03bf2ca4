package io.gatehouse.policy;

import static io.gatehouse.policy.Fixtures.condition;
import static io.gatehouse.policy.Fixtures.ctx;
import static io.gatehouse.policy.Fixtures.doc;
import static io.gatehouse.policy.Fixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IpAddress / NotIpAddress against aws:SourceIp. */
class IpAddressConditionsTest {
    private static final String IP = "aws:SourceIp";

    @Test
    void ipAddressMatchesAddressesInsideTheBlock() {
        assertThat(condition("IpAddress", IP, "\"203.0.113.0/24\"", ctx(IP, "203.0.113.77"))).isTrue();
        assertThat(condition("IpAddress", IP, "\"203.0.113.0/24\"", ctx(IP, "203.0.114.1"))).isFalse();
    }

    @Test
    void severalBlocksAreOred() {
        String blocks = "[\"192.0.2.0/24\",\"203.0.113.0/24\",\"2001:db8::/32\"]";
        assertThat(condition("IpAddress", IP, blocks, ctx(IP, "203.0.113.5"))).isTrue();
        assertThat(condition("IpAddress", IP, blocks, ctx(IP, "2001:db8:1::5"))).isTrue();
        assertThat(condition("IpAddress", IP, blocks, ctx(IP, "198.51.100.1"))).isFalse();
    }

    @Test
    void singleAddressWithoutPrefixIsAHost() {
        assertThat(condition("IpAddress", IP, "\"203.0.113.7\"", ctx(IP, "203.0.113.7"))).isTrue();
        assertThat(condition("IpAddress", IP, "\"203.0.113.7\"", ctx(IP, "203.0.113.8"))).isFalse();
    }

    @Test
    void notIpAddressIsTheNegation() {
        assertThat(condition("NotIpAddress", IP, "\"10.0.0.0/8\"", ctx(IP, "10.1.2.3"))).isFalse();
        assertThat(condition("NotIpAddress", IP, "\"10.0.0.0/8\"", ctx(IP, "11.1.2.3"))).isTrue();
    }

    @Test
    void missingSourceIpFailsIpAddressAndPassesNotIpAddress() {
        assertThat(condition("IpAddress", IP, "\"0.0.0.0/0\"", ctx())).isFalse();
        assertThat(condition("NotIpAddress", IP, "\"10.0.0.0/8\"", ctx())).isTrue();
    }

    @Test
    void ipv6Blocks() {
        assertThat(condition("IpAddress", IP, "\"2001:db8:1234::/48\"", ctx(IP, "2001:db8:1234:ffff::1"))).isTrue();
        assertThat(condition("IpAddress", IP, "\"2001:db8:1234::/48\"", ctx(IP, "2001:db8:1235::1"))).isFalse();
        assertThat(condition("IpAddress", IP, "\"::/0\"", ctx(IP, "::1"))).isTrue();
    }

    @Test
    void garbageRequestAddressNeverMatches() {
        assertThat(condition("IpAddress", IP, "\"0.0.0.0/0\"", ctx(IP, "not-an-ip"))).isFalse();
        assertThat(condition("IpAddress", IP, "\"0.0.0.0/0\"", ctx(IP, "example.com"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "1.2.3", "::g", "example.com", "10.0.0.0/x"})
    void invalidBlocksInPoliciesAreRefused(String block) {
        assertThatThrownBy(() -> Fixtures.ENGINE.compile(doc(q(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':'"
                        + block + "'}}}")), PolicyKind.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessageContaining(block)
                .hasMessageContaining("Statement[0]");
    }
}
