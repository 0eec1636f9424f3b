package io.annota.server.intake.deadletter;

import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead letters over REST ({@code docs/dead-letters.md}): list, show and replay. Answers carry metadata only;
 * the message text is not offered at all, so that it never leaves the server through this API. Errors are
 * problem details ({@link DeadLetterProblems}).
 */
@RestController
@RequestMapping(path = "/api/hl7/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    static final int MAX_PAGE_SIZE = 500;

    private final JdbcDeadLetters letters;
    private final DeadLetterReplayer replayer;

    public DeadLetterController(JdbcDeadLetters letters, DeadLetterReplayer replayer) {
        this.letters = letters;
        this.replayer = replayer;
    }

    /** Dead letters, newest first, optionally of one channel, in one status, received since a time. */
    @GetMapping
    public DeadLetterPage list(@RequestParam(required = false) String channel,
            @RequestParam(required = false) DeadLetterStatus status, @RequestParam(required = false) Instant since,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        return letters.list(new DeadLetterFilter(channel, status, since), page, size);
    }

    @GetMapping("/{id}")
    public DeadLetter get(@PathVariable String id) {
        return letters.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
    }

    @PostMapping("/{id}/replay")
    public DeadLetterReplayer.Replay replay(@PathVariable String id) {
        return replayer.replay(id);
    }

    /** Replays all PENDING and FAILED_AGAIN dead letters, or those of one channel or status. */
    @PostMapping("/replay")
    public DeadLetterReplayer.Summary replayAll(@RequestParam(required = false) String channel,
            @RequestParam(required = false) DeadLetterStatus status) {
        return replayer.replayAll(channel, status == null ? JdbcDeadLetters.UNRESOLVED : List.of(status));
    }
}
