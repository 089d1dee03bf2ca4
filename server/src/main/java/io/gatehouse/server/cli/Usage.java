package io.gatehouse.server.cli;

import io.gatehouse.server.config.Option;
import io.gatehouse.server.config.Options;
import java.io.PrintStream;

/** The help texts of the {@code gatehouse} command, built from {@link Options}. */
public final class Usage {

    private Usage() {
    }

    /** {@code gatehouse --help}: the commands. */
    public static void printCommands(PrintStream out) {
        out.println("Usage: gatehouse <command> [options]");
        out.println();
        out.println("Commands:");
        out.println("  start     run the Gatehouse server (see: gatehouse start --help)");
        out.println("  policy    work with policy documents offline (does not start the server)");
        out.println("  audit     validate the audit stream's hash chains and signed digests (does not start the server)");
        out.println("  help      show this help");
    }

    /** {@code gatehouse start --help}: every option with its default and environment variable. */
    public static void printStartOptions(PrintStream out) {
        out.println("Usage: gatehouse start [--option value | --option=value ...]");
        out.println();
        out.println("Runs the Gatehouse server. Each option can also be set with its environment");
        out.println("variable; the command line wins. A relative --data-dir is relative to the");
        out.println("current directory.");
        out.println();
        out.println("Options:");
        for (Option option : Options.ALL) {
            out.printf("  %-22s %s%n", option.flag() + " <value>", option.description());
            out.printf("  %-22s default: %s; env: %s%n", "", option.display(option.defaultValue()),
                    option.envVar());
        }
        out.printf("  %-22s %s%n", "--help", "show this help");
    }
}
