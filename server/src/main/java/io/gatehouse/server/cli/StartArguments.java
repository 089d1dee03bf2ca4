package io.gatehouse.server.cli;

import io.gatehouse.server.config.Option;
import io.gatehouse.server.config.Options;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code gatehouse start}: {@code --name value} or {@code --name=value} for each
 * option in {@link Options}, or {@code --help}.
 *
 * @param values option values by option name, in the order given; a later value wins
 * @param help   true when {@code --help} or {@code -h} was given
 */
public record StartArguments(Map<String, String> values, boolean help) {

    public StartArguments {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses {@code args}; refuses unknown options, stray words and options without a value. */
    public static StartArguments parse(List<String> args) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            Option option = Options.find(name)
                    .orElseThrow(() -> new UsageException("unknown option --" + name));
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option " + option.flag() + " needs a value");
            }
            values.put(option.name(), value);
        }
        return new StartArguments(values, help);
    }
}
