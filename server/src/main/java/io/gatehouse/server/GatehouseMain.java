package io.gatehouse.server;

import io.gatehouse.server.cli.AuditCommand;
import io.gatehouse.server.cli.PolicyCommand;
import io.gatehouse.server.cli.StartArguments;
import io.gatehouse.server.cli.Usage;
import io.gatehouse.server.cli.UsageException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the packaged application ({@code quarkus-run.jar}, run by {@code ./gatehouse}).
 * Reads the command before anything boots: only {@code start} boots Quarkus and opens the HTTP
 * port; help, {@code policy} and {@code audit} run and exit without it.
 */
@QuarkusMain
public final class GatehouseMain {

    /** Exit code for a refused command line. */
    public static final int USAGE_ERROR = 2;

    private GatehouseMain() {
    }

    public static void main(String... args) {
        int exitCode = execute(args, System.out, System.err);
        if (exitCode != Integer.MIN_VALUE) {
            System.exit(exitCode);
        }
    }

    /**
     * Runs one command line. Returns the exit code, or {@link Integer#MIN_VALUE} after the server ran
     * (Quarkus has then exited the JVM itself or is about to).
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            switch (command) {
                case "help", "--help", "-h" -> {
                    Usage.printCommands(out);
                    return 0;
                }
                case "start" -> {
                    return start(StartArguments.parse(List.of(rest)), out);
                }
                // Offline policy tools: never boot Quarkus nor open the port.
                case "policy" -> {
                    return PolicyCommand.run(rest, System.in, out, err);
                }
                case "audit" -> {
                    return AuditCommand.run(rest, System.in, out, err);
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            err.println("gatehouse: " + e.getMessage());
            err.println("Try 'gatehouse --help' or 'gatehouse start --help'.");
            return USAGE_ERROR;
        }
    }

    private static int start(StartArguments arguments, PrintStream out) {
        if (arguments.help()) {
            Usage.printStartOptions(out);
            return 0;
        }
        StartSettings.apply(arguments);
        Quarkus.run(GatehouseApplication.class);
        return Integer.MIN_VALUE;
    }
}
