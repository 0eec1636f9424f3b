package io.annota.server.intake.fhir;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.intake.deadletter.DeadLetter;
import io.annota.server.intake.deadletter.LineReplays;
import java.util.Set;

/**
 * Replays bad NDJSON lines kept as dead letters ({@link DeadLetterBadLines}): the line is stored again as the import
 * would have, of the resource type it was kept with. Dead letters of the NDJSON channels and of {@code $import}.
 */
public final class NdjsonLineReplays implements LineReplays {

    private final Set<String> channels;
    private final NdjsonImporter importer;

    /** @param channels the ids of the NDJSON channels and {@link ImportJobs#SOURCE} */
    public NdjsonLineReplays(Set<String> channels, NdjsonImporter importer) {
        this.channels = Set.copyOf(channels);
        this.importer = importer;
    }

    @Override
    public boolean handles(String channel) {
        return channels.contains(channel);
    }

    @Override
    public Hl7Intake.Outcome replay(DeadLetter letter, String text) {
        String failure = importer.storeLine(text, letter.messageType());
        return failure == null
                ? new Hl7Intake.Outcome("", AcknowledgmentCode.AA, 0, "", letter.messageType(), letter.controlId(),
                        false)
                : new Hl7Intake.Outcome("", AcknowledgmentCode.AE, ErrorCode.APPLICATION_INTERNAL_ERROR.getCode(),
                        failure, letter.messageType(), letter.controlId(), false);
    }
}
