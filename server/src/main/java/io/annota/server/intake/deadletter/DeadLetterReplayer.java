package io.annota.server.intake.deadletter;

import io.annota.intake.hl7.Hl7Channel;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.intake.ChannelRegistry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays dead letters through the channel they came in on ({@link Hl7Channel#replay(String)}), after a fix of
 * the mapping, the configuration or the database. A replayed letter is done: replaying it again does nothing; and
 * a message stored since (a replay, or the sender's own resend) is recognised by intake and not stored twice.
 * Replays run one at a time in this process, so that two requests never replay the same letter at once. Logs ids,
 * channels, codes and counts only.
 */
public class DeadLetterReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    /** Replay-all logs its progress after every this many letters. */
    static final int PROGRESS_EVERY = 100;

    /** What one replay did. */
    public enum Result {
        /** Stored (AA): the letter is now REPLAYED. */
        REPLAYED,
        /** Refused again (AE/AR): the letter is now FAILED_AGAIN with the new reason. */
        FAILED_AGAIN,
        /** The letter had been replayed before: nothing was done. */
        ALREADY_REPLAYED
    }

    /** One replay: its result and the dead letter as it is now. */
    public record Replay(Result result, DeadLetter deadLetter) {
    }

    /**
     * What a replay of many letters did.
     *
     * @param total letters that were to be replayed
     * @param alreadyReplayed letters another process replayed meanwhile
     * @param channelNotConfigured letters left as they were: their channel is gone
     * @param unreadable letters left as they were: they cannot be decrypted with the current key
     */
    public record Summary(int total, int replayed, int failedAgain, int alreadyReplayed, int channelNotConfigured,
            int unreadable) {
    }

    private final JdbcDeadLetters letters;
    private final ChannelRegistry channels;
    private final LineReplays lines;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    /** @param lines replays the dead letters of NDJSON imports (their channels are not HL7 v2 channels) */
    public DeadLetterReplayer(JdbcDeadLetters letters, ChannelRegistry channels, LineReplays lines) {
        this.letters = letters;
        this.channels = channels;
        this.lines = lines;
    }

    /**
     * Replays one dead letter.
     *
     * @throws DeadLetterNotFoundException if there is no such letter
     * @throws ChannelNotConfiguredException if its channel is gone
     * @throws DeadLetterUnreadableException if it cannot be decrypted with the current key
     */
    public Replay replay(String id) {
        oneAtATime.lock();
        try {
            Replay replay = attempt(id);
            LOG.info("Dead letter {} on channel {}: {}", id, replay.deadLetter().channel(), replay.result());
            return replay;
        } finally {
            oneAtATime.unlock();
        }
    }

    /**
     * Replays every dead letter of {@code channel} (all channels if {@code null}) in {@code statuses}, oldest first;
     * a letter that cannot be replayed is counted and left as it was.
     */
    public Summary replayAll(String channel, Collection<DeadLetterStatus> statuses) {
        if (statuses.contains(DeadLetterStatus.REPLAYED)) {
            throw new IllegalArgumentException("replayed dead letters are done; only "
                    + JdbcDeadLetters.UNRESOLVED + " ones are replayed");
        }
        oneAtATime.lock();
        try {
            List<String> ids = letters.ids(channel, statuses);
            LOG.info("Replaying {} dead letters (channel {}, status {})", ids.size(),
                    channel == null ? "any" : channel, statuses);
            int replayed = 0;
            int failedAgain = 0;
            int alreadyReplayed = 0;
            int channelNotConfigured = 0;
            int unreadable = 0;
            for (int i = 0; i < ids.size(); i++) {
                try {
                    switch (attempt(ids.get(i)).result()) {
                        case REPLAYED -> replayed++;
                        case FAILED_AGAIN -> failedAgain++;
                        case ALREADY_REPLAYED -> alreadyReplayed++;
                    }
                } catch (ChannelNotConfiguredException e) {
                    channelNotConfigured++;
                } catch (DeadLetterUnreadableException e) {
                    unreadable++;
                }
                if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == ids.size()) {
                    LOG.info("Replayed {} of {} dead letters: {} stored, {} failed again, {} without channel, "
                            + "{} unreadable", i + 1, ids.size(), replayed, failedAgain, channelNotConfigured,
                            unreadable);
                }
            }
            return new Summary(ids.size(), replayed, failedAgain, alreadyReplayed, channelNotConfigured,
                    unreadable);
        } finally {
            oneAtATime.unlock();
        }
    }

    private Replay attempt(String id) {
        DeadLetter letter = letters.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        if (letter.status() == DeadLetterStatus.REPLAYED) {
            return new Replay(Result.ALREADY_REPLAYED, letter);
        }
        Hl7Intake.Outcome outcome;
        if (lines.handles(letter.channel())) {
            outcome = lines.replay(letter, letters.text(id));
        } else {
            Hl7Channel channel = channels.channel(letter.channel())
                    .orElseThrow(() -> new ChannelNotConfiguredException(letter.channel()));
            outcome = channel.replay(letters.text(id));
        }
        DeadLetter now = letters.recordReplay(id, outcome);
        return new Replay(outcome.stored() ? Result.REPLAYED : Result.FAILED_AGAIN, now);
    }
}
