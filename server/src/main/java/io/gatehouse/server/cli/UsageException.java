package io.gatehouse.server.cli;

/** The command line was refused: unknown command or option, or a missing value. Exit code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
