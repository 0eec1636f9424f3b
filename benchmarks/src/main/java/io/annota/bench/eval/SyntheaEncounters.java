package io.annota.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Synthea bulk export as the recall evaluation needs it: each note (a DocumentReference's base64 text/plain
 * attachment) with the problems (Condition), drugs (MedicationRequest) and procedures (Procedure) that name the
 * same Encounter. An item coded twice in one encounter counts once.
 */
final class SyntheaEncounters {

    enum Category {
        PROBLEM("problems (Condition)"),
        DRUG("drugs (MedicationRequest)"),
        PROCEDURE("procedures (Procedure)");

        final String label;

        Category(String label) {
            this.label = label;
        }
    }

    /** One coded item: Synthea's first coding (SNOMED CT for problems and procedures, RxNorm for drugs). */
    record Item(Category category, String code, String display) {
    }

    record Note(String patient, String encounter, String text, List<Item> items) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheaEncounters() {
    }

    /** Every note with its encounter's items, in file order. */
    static List<Note> read(Path dir) throws IOException {
        Map<String, Map<String, Item>> items = new LinkedHashMap<>();
        addItems(dir.resolve("Condition.000.ndjson"), Category.PROBLEM, "code", items);
        addItems(dir.resolve("MedicationRequest.000.ndjson"), Category.DRUG, "medicationCodeableConcept", items);
        addItems(dir.resolve("Procedure.000.ndjson"), Category.PROCEDURE, "code", items);
        List<Note> notes = new ArrayList<>();
        for (JsonNode doc : ndjson(dir.resolve("DocumentReference.000.ndjson"))) {
            String encounter = reference(doc.path("context").path("encounter").path(0));
            StringBuilder text = new StringBuilder();
            for (JsonNode content : doc.path("content")) {
                JsonNode attachment = content.path("attachment");
                if (attachment.path("contentType").asText().startsWith("text/plain") && attachment.has("data")) {
                    text.append(new String(Base64.getDecoder().decode(attachment.path("data").asText()),
                            StandardCharsets.UTF_8));
                }
            }
            if (encounter != null && !text.isEmpty()) {
                notes.add(new Note(reference(doc.path("subject")), encounter, text.toString(),
                        List.copyOf(items.getOrDefault(encounter, Map.of()).values())));
            }
        }
        return notes;
    }

    private static void addItems(Path file, Category category, String codeElement,
            Map<String, Map<String, Item>> byEncounter) throws IOException {
        for (JsonNode resource : ndjson(file)) {
            String encounter = reference(resource.path("encounter"));
            JsonNode coding = resource.path(codeElement).path("coding").path(0);
            if (encounter == null || coding.isMissingNode()) {
                continue;
            }
            String code = coding.path("code").asText();
            byEncounter.computeIfAbsent(encounter, k -> new LinkedHashMap<>())
                    .putIfAbsent(category + "|" + code, new Item(category, code, coding.path("display").asText()));
        }
    }

    /** "Encounter/abc" -> "abc"; null if absent. */
    private static String reference(JsonNode reference) {
        String ref = reference.path("reference").asText(null);
        return ref == null ? null : ref.substring(ref.indexOf('/') + 1);
    }

    private static List<JsonNode> ndjson(Path file) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    resources.add(JSON.readTree(line));
                }
            }
        }
        return resources;
    }
}
