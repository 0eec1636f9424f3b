package io.annota.deid;

/**
 * A resource that cannot be de-identified safely. Its message is a fixed description of the
 * {@link Reason}: it never contains a value taken from the resource.
 */
public final class DeidentificationException extends RuntimeException {

    /** Why a resource was refused. */
    public enum Reason {
        NON_TEXT_ATTACHMENT("attachment data with a non-text content type cannot be scrubbed"),
        MISSING_CONTENT_TYPE("attachment data without a content type cannot be scrubbed"),
        UNSUPPORTED_CHARSET("attachment data in an unknown or unsupported character set"),
        MALFORMED_TEXT("attachment data is not valid text in its declared character set"),
        EXTERNALIZED_DATA("attachment data stored outside the resource was not written through de-identification"),
        IDENTIFYING_ID("the resource id contains an identifying value"),
        CLIENT_ID_NOT_PSEUDONYMISED("a client-assigned resource id must be written under its pseudonymous id"),
        RULE_NOT_APPLICABLE("a rule's method cannot be applied to an element it selected"),
        UNSCRUBBABLE_CONTENT("an element that may hold identifying content cannot be de-identified"),
        UNSUPPORTED_MODEL("only FHIR R4 resources can be de-identified");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public DeidentificationException(Reason reason) {
        super(reason.name() + ": " + reason.description());
        this.reason = reason;
    }

    /** @param detail fixed text naming where (a rule, an element type), never a value from the resource */
    public DeidentificationException(Reason reason, String detail) {
        super(reason.name() + ": " + reason.description() + " (" + detail + ")");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
