package io.annota.synthetic;

import java.util.List;

/**
 * One generated FHIR R4 transaction Bundle.
 *
 * @param json the bundle, JSON-encoded by HAPI FHIR
 * @param phi gold: every PHI value with a FHIRPath on its entry's resource ({@code Patient.birthDate}); the
 *        conditional-create URL of the Patient entry is {@code Bundle.entry[0].request.ifNoneExist} (evaluate on
 *        the bundle); for notes in attachments the path is the attachment and the offsets index the decoded text
 */
public record GeneratedBundle(String json, List<PhiSpan> phi) {

    public GeneratedBundle {
        phi = List.copyOf(phi);
    }
}
