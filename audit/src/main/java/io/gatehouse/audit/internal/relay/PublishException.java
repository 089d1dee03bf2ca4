package io.gatehouse.audit.internal.relay;

/** Kafka did not take a batch (unreachable, timed out, refused); the relay backs off and retries. */
public class PublishException extends Exception {

    PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
