package io.annota.intake.hl7;

import ca.uhn.hl7v2.model.Message;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The built-in declarative mappings ({@link DeclarativeMapper} over {@link V2ToFhirMappings#builtIn()}) under the
 * name {@link Hl7Intake} and the benchmarks still construct. It maps every message set of the built-in files, not
 * only ADT. Remove it once those callers take an {@link Hl7MessageMapper}.
 */
@Deprecated
public final class AdtToFhirMapper implements Hl7MessageMapper {

    private final DeclarativeMapper mapper;

    /** A mapper that reads time stamps without an offset as UTC. */
    public AdtToFhirMapper(Pseudonymizer pseudonymizer) {
        this(pseudonymizer, ZoneOffset.UTC);
    }

    public AdtToFhirMapper(Pseudonymizer pseudonymizer, ZoneId defaultZone) {
        this.mapper = new DeclarativeMapper(V2ToFhirMappings.builtIn(), pseudonymizer, defaultZone);
    }

    @Override
    public Bundle map(Message message) throws Hl7MappingException {
        return mapper.map(message);
    }
}
