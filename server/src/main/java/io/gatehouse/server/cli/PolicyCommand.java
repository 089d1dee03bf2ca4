package io.gatehouse.server.cli;

import io.gatehouse.policy.Finding;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySimulator;
import io.gatehouse.policy.Severity;
import io.gatehouse.policy.ValidationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code gatehouse policy ...}: offline work with policy documents. Runs without booting Quarkus
 * or opening the HTTP port.
 * <ul>
 *   <li>{@code simulate}: JSON Lines cases on standard input, one JSON line per case on standard
 *       output, in order (format in {@link PolicySimulator} and docs/policy-language.md); a bad
 *       line gives an error line and the stream goes on. Exit 0.</li>
 *   <li>{@code validate [--kind KIND] FILE...}: the refusal and lint findings of each document;
 *       exit 1 when any is malformed, 2 on a usage or read error.</li>
 * </ul>
 */
public final class PolicyCommand {
    static final String USAGE = String.join("\n",
            "Usage: gatehouse policy simulate < cases.jsonl",
            "       gatehouse policy validate [--kind identity|boundary|session|scp|resource|trust] FILE...",
            "",
            "  simulate   decide one JSON case per input line; write one JSON line per case",
            "  validate   check documents against the IAM policy grammar and lint them for risky grants",
            "",
            "See docs/policy-language.md.");

    private PolicyCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code policy}
     * @param in   where simulation cases are read from
     * @param out  results
     * @param err  diagnostics
     * @return the process exit code
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || isHelp(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "simulate":
                return simulate(rest, in, out, err);
            case "validate":
                return validate(rest, out, err);
            default:
                err.println("gatehouse policy: unknown command '" + args[0] + "'\n" + USAGE);
                return 2;
        }
    }

    private static int simulate(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            if (isHelp(args[0])) {
                out.println(USAGE);
                return 0;
            }
            err.println("gatehouse policy simulate: takes no arguments; it reads cases from standard input");
            return 2;
        }
        PolicySimulator simulator = PolicySimulator.create();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder batch = new StringBuilder();
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                batch.append(simulator.simulate(line)).append('\n');
                if (batch.length() > 64 * 1024) {
                    out.print(batch);
                    batch.setLength(0);
                }
            }
            out.print(batch);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("gatehouse policy simulate: cannot read standard input: " + e.getMessage());
            return 2;
        }
    }

    private static int validate(String[] args, PrintStream out, PrintStream err) {
        PolicyKind kind = PolicyKind.IDENTITY;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (isHelp(args[i])) {
                out.println(USAGE);
                return 0;
            } else if (args[i].equals("--kind") && i + 1 < args.length) {
                kind = kind(args[++i]);
            } else if (args[i].startsWith("--kind=")) {
                kind = kind(args[i].substring("--kind=".length()));
            } else if (args[i].startsWith("--")) {
                kind = null;
            } else {
                files.add(args[i]);
            }
            if (kind == null) {
                err.println("gatehouse policy validate: unknown option or kind '" + args[i] + "'\n" + USAGE);
                return 2;
            }
        }
        if (files.isEmpty()) {
            err.println("gatehouse policy validate: name at least one FILE\n" + USAGE);
            return 2;
        }
        return validateFiles(files, kind, out, err);
    }

    private static int validateFiles(List<String> files, PolicyKind kind, PrintStream out, PrintStream err) {
        PolicyEngine engine = PolicyEngine.create();
        boolean malformed = false;
        for (String file : files) {
            String text;
            try {
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                return 2;
            }
            ValidationReport report = engine.validate(text, kind);
            malformed |= report.malformed();
            if (report.findings().isEmpty()) {
                out.println(file + ": OK");
            }
            for (Finding f : report.findings()) {
                out.println(file + ": " + describe(f));
            }
        }
        return malformed ? 1 : 0;
    }

    private static String describe(Finding f) {
        if (f.severity() == Severity.ERROR) {
            return "ERROR " + f.code() + " " + f.message();
        }
        return f.severity() + " " + f.code() + " " + f.location() + ": " + f.message();
    }

    private static PolicyKind kind(String name) {
        try {
            return PolicyKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}
