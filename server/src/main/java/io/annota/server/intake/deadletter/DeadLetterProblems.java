package io.annota.server.intake.deadletter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The dead-letter API's errors as RFC 9457 problem details; Spring MVC's own (a malformed status or time, a
 * wrong method) come as problem details through the base class. Details name ids, channels and settings, never
 * message content; an unexpected failure is answered without its exception message, which might quote data.
 */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
class DeadLetterProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProblems.class);

    @ExceptionHandler
    ProblemDetail notFound(DeadLetterNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Dead letter not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail channelGone(ChannelNotConfiguredException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Channel not configured", e.getMessage());
        problem.setProperty("channel", e.channel());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unreadable(DeadLetterUnreadableException e) {
        LOG.error("{}", e.getMessage());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Dead letter cannot be decrypted",
                e.getMessage() + "; was the pseudonymisation key (annota.deid.key) changed?");
    }

    @ExceptionHandler
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        LOG.error("Dead-letter request failed: {}", e.getClass().getName());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "see the server log");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
