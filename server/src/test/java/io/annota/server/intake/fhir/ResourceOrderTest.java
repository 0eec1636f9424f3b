package io.annota.server.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceOrderTest {

    private static final NdjsonFiles FILES = new NdjsonFiles(FhirContext.forR4Cached());

    /** The Synthea bulk export's files, as a directory listing gives them. */
    @Test
    void aBulkExportIsImportedSoThatEveryReferenceTargetComesFirst() {
        List<String> names = List.of("AllergyIntolerance.000.ndjson", "Condition.000.ndjson", "Device.000.ndjson",
                "DocumentReference.000.ndjson", "Encounter.000.ndjson", "Immunization.000.ndjson",
                "Location.000.ndjson", "MedicationRequest.000.ndjson", "Organization.000.ndjson",
                "Patient.000.ndjson", "Practitioner.000.ndjson", "PractitionerRole.000.ndjson",
                "Procedure.000.ndjson", "Provenance.000.ndjson", "notes.ndjson");

        List<String> ordered = names.stream()
                .sorted(ResourceOrder.comparing(FILES::resourceType, name -> name)).toList();

        assertThat(ordered).containsExactly("Organization.000.ndjson", "Location.000.ndjson",
                "Practitioner.000.ndjson", "Patient.000.ndjson", "PractitionerRole.000.ndjson",
                "Device.000.ndjson", "Encounter.000.ndjson", "AllergyIntolerance.000.ndjson", "Condition.000.ndjson",
                "DocumentReference.000.ndjson", "Immunization.000.ndjson", "MedicationRequest.000.ndjson",
                "Procedure.000.ndjson", "Provenance.000.ndjson", "notes.ndjson");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "Patient.ndjson, Patient, false",
            "Patient.000.ndjson, Patient, false",
            "1.Observation.ndjson, Observation, false",
            "export.ndjson, null, false",
            "patient.ndjson, null, false",
            "log.ndjson, null, true",
            "2024-03-05_Patient.ndjson, Patient, false",
            "export-7-log.ndjson, null, true",
            "catalog.ndjson, null, false",
            "OperationOutcome.000.ndjson, OperationOutcome, true"})
    void fileNamesSayTheResourceTypeAndWhatIsNotData(String name, String type, boolean describesExport) {
        assertThat(FILES.resourceType(name)).isEqualTo(type);
        assertThat(FILES.describesExport(Path.of("/x", name))).isEqualTo(describesExport);
    }
}
