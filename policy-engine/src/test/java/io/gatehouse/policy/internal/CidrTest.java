package io.gatehouse.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR parsing and containment for the IpAddress operators; never touches DNS. */
class CidrTest {

    private static Cidr cidr(String text) {
        Cidr c = Cidr.parse(text);
        assertThat(c).as("parse %s", text).isNotNull();
        return c;
    }

    @Test
    void ipv4NetworkContainsItsAddressesOnly() {
        Cidr net = cidr("203.0.113.0/24");
        assertThat(net.contains("203.0.113.0")).isTrue();
        assertThat(net.contains("203.0.113.255")).isTrue();
        assertThat(net.contains("203.0.114.0")).isFalse();
        assertThat(net.contains("203.0.112.255")).isFalse();
    }

    @Test
    void ipv4PrefixNotOnByteBoundary() {
        Cidr net = cidr("10.0.0.0/12");
        assertThat(net.contains("10.15.255.255")).isTrue();
        assertThat(net.contains("10.16.0.0")).isFalse();
        Cidr net2 = cidr("192.168.1.128/25");
        assertThat(net2.contains("192.168.1.200")).isTrue();
        assertThat(net2.contains("192.168.1.127")).isFalse();
    }

    @Test
    void hostBitsOfTheNetworkAreIgnored() {
        Cidr net = cidr("10.1.2.3/8");
        assertThat(net.contains("10.200.0.1")).isTrue();
        assertThat(net.contains("11.0.0.0")).isFalse();
    }

    @Test
    void addressWithoutPrefixIsASingleHost() {
        Cidr host = cidr("203.0.113.7");
        assertThat(host.contains("203.0.113.7")).isTrue();
        assertThat(host.contains("203.0.113.8")).isFalse();
        assertThat(cidr("203.0.113.7/32").contains("203.0.113.7")).isTrue();
        assertThat(cidr("203.0.113.7/32").contains("203.0.113.6")).isFalse();
    }

    @Test
    void slashZeroContainsEveryAddressOfItsFamily() {
        assertThat(cidr("0.0.0.0/0").contains("255.255.255.255")).isTrue();
        assertThat(cidr("0.0.0.0/0").contains("1.2.3.4")).isTrue();
        assertThat(cidr("::/0").contains("2001:db8::1")).isTrue();
        assertThat(cidr("::/0").contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
    }

    @Test
    void familiesDoNotMix() {
        assertThat(cidr("0.0.0.0/0").contains("2001:db8::1")).isFalse();
        assertThat(cidr("::/0").contains("10.0.0.1")).isFalse();
    }

    @Test
    void ipv6NetworksAndHosts() {
        Cidr net = cidr("2001:db8::/32");
        assertThat(net.contains("2001:db8::1")).isTrue();
        assertThat(net.contains("2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(net.contains("2001:db9::1")).isFalse();
        Cidr host = cidr("2001:db8::7/128");
        assertThat(host.contains("2001:db8:0:0:0:0:0:7")).isTrue();
        assertThat(host.contains("2001:db8::8")).isFalse();
        assertThat(cidr("2001:db8::/33").contains("2001:db8:8000::1")).isFalse();
        assertThat(cidr("2001:db8::/33").contains("2001:db8:7fff::1")).isTrue();
    }

    @Test
    void ipv4MappedIpv6AddressesCompareAsIpv6() {
        Cidr mapped = cidr("::ffff:10.0.0.0/104");
        assertThat(mapped.contains("::ffff:10.9.8.7")).isTrue();
        assertThat(mapped.contains("::ffff:0a01:0203")).isTrue();
        assertThat(mapped.contains("::ffff:11.0.0.1")).isFalse();
        assertThat(cidr("::ffff:192.0.2.1").contains("::ffff:c000:0201")).isTrue();
        assertThat(Cidr.address("::ffff:192.0.2.1")).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "1.2.3", "1.2.3.4.5", "::g", "example.com", "localhost",
        "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "2001:db8::/129", "", " ", "1.2.3.4/a", "a.b.c.d",
        "1..2.3", "::1::2", "2001:db8::1%eth0", "[::1]", "0x7f.0.0.1", "+1.2.3.4", "10.0.0.0/0008"})
    void invalidTextIsRefused(String text) {
        assertThat(Cidr.parse(text)).as(text).isNull();
    }

    @Test
    void containsIsFalseForUnparseableAddress() {
        Cidr any = cidr("0.0.0.0/0");
        assertThat(any.contains("example.com")).isFalse();
        assertThat(any.contains("256.0.0.1")).isFalse();
        assertThat(any.contains("")).isFalse();
    }

    /**
     * The engine must never resolve names: policy text and request values are untrusted. A
     * security manager records every name lookup (InetAddress reports them through checkConnect
     * with port -1) while parsing text that is not an address literal.
     */
    @Test
    @SuppressWarnings("removal")
    void parsingNeverResolvesNames() {
        List<String> lookups = new ArrayList<>();
        SecurityManager previous = System.getSecurityManager();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
                // allow everything
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                // allow everything
            }

            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    synchronized (lookups) {
                        lookups.add(host);
                    }
                }
            }
        };
        try {
            System.setSecurityManager(recorder);
        } catch (UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.abort("security manager not allowed in this JVM");
        }
        try {
            for (String text : List.of("example.com", "localhost", "::g", "a:b", ".:1", "..::", ".1:2", "1.2.3.4:",
                    "abc:def", "::ffff:1.2.3")) {
                assertThat(Cidr.parse(text)).as(text).isNull();
                Cidr.parse("0.0.0.0/0").contains(text);
            }
        } finally {
            System.setSecurityManager(previous);
        }
        assertThat(lookups).as("name lookups made while parsing").isEmpty();
    }
}
