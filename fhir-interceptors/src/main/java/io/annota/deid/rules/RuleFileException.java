package io.annota.deid.rules;

/**
 * A rule file that cannot be used: the message names the file, the line, the rule and the reason. Thrown at
 * start-up, so a server with a bad rule file does not start rather than store data under unintended rules.
 */
public final class RuleFileException extends RuntimeException {

    public RuleFileException(String message) {
        super(message);
    }

    public RuleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
