package io.gatehouse.identity.internal.workforce;

/**
 * A directory change refused for the caller's input (the "rejected input" family), in neutral
 * terms: the Identity Store API and SCIM each translate it into their own error.
 */
public class DirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the change was refused. */
    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;
    private final String resourceType;

    public DirectoryException(Kind kind, String resourceType, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.resourceType = resourceType;
    }

    public Kind kind() {
        return kind;
    }

    /** USER, GROUP, GROUP_MEMBERSHIP or IDENTITY_STORE. */
    public String resourceType() {
        return resourceType;
    }

    static DirectoryException notFound(String type, String message) {
        return new DirectoryException(Kind.NOT_FOUND, type, message);
    }

    static DirectoryException conflict(String type, String message) {
        return new DirectoryException(Kind.CONFLICT, type, message);
    }

    static DirectoryException invalid(String message) {
        return new DirectoryException(Kind.INVALID, null, message);
    }
}
