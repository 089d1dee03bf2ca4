package io.gatehouse.server.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Gatehouse configuration option, as the command line, the environment and the configuration
 * mapping all know it.
 *
 * @param name         the option's name: {@code --name} on the command line, {@code gatehouse.name}
 *                     as a configuration property
 * @param defaultValue what applies when nothing sets it, as shown to a person; empty when none
 * @param description  one line for {@code --help}
 * @param secret       true when its value must never be printed
 * @param quarkusKey   the Quarkus property it feeds, empty when only Gatehouse reads it
 */
public record Option(String name, String defaultValue, String description, boolean secret,
                     Optional<String> quarkusKey) {

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(quarkusKey, "quarkusKey");
        if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("option names are lower-case words joined by '-': " + name);
        }
    }

    /** The configuration property, {@code gatehouse.<name>}. */
    public String property() {
        return GatehouseConfig.PREFIX + "." + name;
    }

    /** The environment variable, {@code GATEHOUSE_<NAME>} with {@code -} turned into {@code _}. */
    public String envVar() {
        return property().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The command-line flag, {@code --<name>}. */
    public String flag() {
        return "--" + name;
    }

    /** A value as it may be shown: secrets are masked. */
    public String display(String value) {
        if (value == null || value.isEmpty()) {
            return "(none)";
        }
        return secret ? "*****" : value;
    }
}
