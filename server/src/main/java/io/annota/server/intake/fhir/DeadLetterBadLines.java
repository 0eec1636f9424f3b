package io.annota.server.intake.fhir;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.Hl7Intake;

/**
 * Keeps bad NDJSON lines in the dead letter store of the HL7 v2 channels (encrypted, listed by the same REST API,
 * docs/dead-letters.md): channel = the NDJSON channel or {@code $import}, message type = the resource type,
 * control id = {@code file:line}, code AE, error 207 (application error) with the import's reason.
 */
public final class DeadLetterBadLines implements BadLines {

    private final DeadLetters deadLetters;

    public DeadLetterBadLines(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public String keep(String source, String text, LineFailure failure) {
        return deadLetters.keep(source, text, new Hl7Intake.Outcome("", AcknowledgmentCode.AE,
                ErrorCode.APPLICATION_INTERNAL_ERROR.getCode(), failure.reason(), failure.resourceType(),
                failure.location(), false));
    }
}
