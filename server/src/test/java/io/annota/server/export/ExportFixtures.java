package io.annota.server.export;

import java.util.List;

/** Small export records for the writer tests: spans over line breaks, a CR, markup characters, two codes. */
final class ExportFixtures {

    static final String NOTE = "Dx: type 2 diabetes\r\nmellitus <uncontrolled> & \"denies\" chest\npain.\nMother: asthma.";

    private ExportFixtures() {
    }

    static ExportRecord note() {
        return new ExportRecord("DocumentReference", "12", "2", "DocumentReference.content[0].attachment",
                "a1b2c3", new QuasiIdentifiers("40-49", "female", "021", "2025"), NOTE, List.of(
                        annotation("Condition/31", "type 2 diabetes\r\nmellitus", "disorder",
                                List.of(new ExportRecord.Code("http://purl.obolibrary.org/obo/doid.owl", "DOID:9352",
                                        "type 2 diabetes mellitus"), new ExportRecord.Code(null, "E11", null)),
                                new ExportRecord.Assertion(false, false, false, false, false, "patient"), "accepted"),
                        annotation("Condition/32", "chest\npain", "sign-symptom",
                                List.of(new ExportRecord.Code("http://purl.obolibrary.org/obo/symp.owl",
                                        "SYMP:0000576", "chest pain")),
                                new ExportRecord.Assertion(true, false, false, false, false, "patient"), "corrected"),
                        annotation("Condition/33", "asthma", "disorder",
                                List.of(new ExportRecord.Code("http://purl.obolibrary.org/obo/doid.owl", "DOID:2841",
                                        "asthma")),
                                new ExportRecord.Assertion(false, true, false, false, true, "family_member"),
                                "unconfirmed")));
    }

    static ExportRecord report() {
        String text = "Impression: no fracture.";
        return new ExportRecord("DiagnosticReport", "7", "1", "DiagnosticReport.conclusion", null,
                new QuasiIdentifiers(null, null, null, null), text, List.of(annotation(text, "Observation/9",
                        "fracture", "lab", List.of(), new ExportRecord.Assertion(true, false, false, false, false,
                                null), "added")));
    }

    private static ExportRecord.ExportAnnotation annotation(String id, String covered, String label,
            List<ExportRecord.Code> codes, ExportRecord.Assertion assertion, String state) {
        return annotation(NOTE, id, covered, label, codes, assertion, state);
    }

    private static ExportRecord.ExportAnnotation annotation(String text, String id, String covered, String label,
            List<ExportRecord.Code> codes, ExportRecord.Assertion assertion, String state) {
        int begin = text.indexOf(covered);
        return new ExportRecord.ExportAnnotation(id, "3", begin, begin + covered.length(), covered, label, codes,
                assertion, state);
    }
}
