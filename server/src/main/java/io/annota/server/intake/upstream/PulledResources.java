package io.annota.server.intake.upstream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.intake.fhir.NdjsonImporter;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes resources from an upstream exactly as the NDJSON import writes lines ({@link NdjsonImporter}: one
 * transaction through de-identification and the NLP trigger, upstream ids kept via update-as-create). When the
 * transaction fails, each resource is written alone; one refused again becomes a dead letter (encrypted; channel,
 * resource type, {@code Type/id/_history/version}, reason) and the others are stored.
 */
public final class PulledResources {

    /** What one write did. */
    public record Written(int stored, int failed) {
    }

    private final FhirContext context;
    private final FhirTransactionSink sink;
    private final NdjsonImporter importer;
    private final DeadLetters deadLetters;

    public PulledResources(FhirContext context, FhirTransactionSink sink, NdjsonImporter importer,
            DeadLetters deadLetters) {
        this.context = context;
        this.sink = sink;
        this.importer = importer;
        this.deadLetters = deadLetters;
    }

    public Written write(String channel, List<Resource> resources) {
        if (resources.isEmpty()) {
            return new Written(0, 0);
        }
        // read first: a failed transaction may have rewritten the objects (ids pseudonymised)
        IParser parser = context.newJsonParser();
        List<String> texts = resources.stream().map(parser::encodeResourceToString).toList();
        List<String> locations = resources.stream().map(resource -> resource.getIdElement().toUnqualified().getValue())
                .toList();
        List<String> types = resources.stream().map(Resource::fhirType).toList();
        try {
            sink.store(NdjsonImporter.transaction(resources));
            return new Written(resources.size(), 0);
        } catch (RuntimeException batchFailure) {
            int failed = 0;
            for (int i = 0; i < texts.size(); i++) {
                String reason = importer.storeLine(texts.get(i), types.get(i));
                if (reason != null) {
                    failed++;
                    deadLetters.keep(channel, texts.get(i), new Hl7Intake.Outcome("", AcknowledgmentCode.AE,
                            ErrorCode.APPLICATION_INTERNAL_ERROR.getCode(), reason, types.get(i), locations.get(i),
                            false));
                }
            }
            return new Written(resources.size() - failed, failed);
        }
    }
}
