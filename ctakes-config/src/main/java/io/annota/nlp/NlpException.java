package io.annota.nlp;

/**
 * Unchecked failure of the NLP engine. Its message and its cause chain never contain note text: causes
 * coming from cTAKES/UIMA are replaced by {@link RedactedCause}s that keep only class names and stack traces.
 */
public class NlpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NlpException(String message) {
        super(message);
    }

    /** Wraps a failure that happened while processing a note: the cause chain is redacted. */
    public NlpException(String message, Throwable cause) {
        super(message, RedactedCause.of(cause));
    }

    /** For failures that cannot involve note text (building the pipeline): keeps the cause as it is. */
    static NlpException withoutNoteText(String message, Throwable cause) {
        return new NlpException(message, cause, true);
    }

    private NlpException(String message, Throwable cause, boolean unredacted) {
        super(message, cause);
    }

    /** A stand-in for an exception whose message might quote the note: same class name and stack, no message. */
    public static final class RedactedCause extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private RedactedCause(Throwable original) {
            super(original.getClass().getName() + " (message withheld: it may quote note text)",
                    of(original.getCause()), false, true);
            setStackTrace(original.getStackTrace());
        }

        static Throwable of(Throwable t) {
            if (t == null || t instanceof RedactedCause) {
                return t;
            }
            return new RedactedCause(t);
        }
    }
}
