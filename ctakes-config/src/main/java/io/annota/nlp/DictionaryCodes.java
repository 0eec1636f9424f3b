package io.annota.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Concept ID -> codes. Filled from the {@code <bsv-name>-codes.tsv} side files
 * ({@code ID<TAB>system<TAB>code<TAB>display[<TAB>origin]}, primary code first); IDs without an entry are
 * turned into one code by their prefix ({@code DOID:}, {@code SYMP:}, {@code MAXO:}, {@code UBERON:},
 * {@code NCIT:}, {@code CVX:}, {@code RXNORM:}, {@code DRUGBANK:}, {@code ICD10CM:}, {@code SNOMEDCT:}, UMLS CUIs), so a custom dictionary works without a side file.
 */
final class DictionaryCodes {

    static final String DOID = "http://purl.obolibrary.org/obo/doid.owl";
    static final String SYMP = "http://purl.obolibrary.org/obo/symp.owl";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String DRUGBANK = "https://go.drugbank.com/drugs";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String MAXO = "http://purl.obolibrary.org/obo/maxo.owl";
    static final String UBERON = "http://purl.obolibrary.org/obo/uberon.owl";
    static final String NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";
    static final String SNOMED = "http://snomed.info/sct";
    static final String UMLS = "http://terminology.hl7.org/CodeSystem/umls";
    static final String LOCAL = "urn:annota:concept";

    private static final Pattern CUI = Pattern.compile("C\\d{7}");

    private final Map<String, List<ConceptCode>> codes = new HashMap<>();

    void load(String codesFile) throws IOException {
        Optional<InputStream> in = ResourceLocator.open(codesFile);
        if (in.isEmpty()) {
            return;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
                    continue;
                }
                String display = f.length > 3 && !f[3].isEmpty() ? f[3] : null;
                codes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new ConceptCode(f[1], f[2], display));
            }
        }
        codes.replaceAll((k, v) -> List.copyOf(v));
    }

    int size() {
        return codes.size();
    }

    /** Codes of a concept, primary first; never empty. */
    List<ConceptCode> codesOf(String conceptId, String preferredText) {
        List<ConceptCode> known = codes.get(conceptId);
        if (known != null) {
            return known;
        }
        return List.of(fromId(conceptId, preferredText == null || preferredText.isBlank() ? null : preferredText));
    }

    static ConceptCode fromId(String id, String display) {
        int colon = id.indexOf(':');
        String prefix = colon > 0 ? id.substring(0, colon).toUpperCase(java.util.Locale.ROOT) : "";
        String rest = colon > 0 ? id.substring(colon + 1) : id;
        return switch (prefix) {
            case "DOID" -> new ConceptCode(DOID, id, display);
            case "SYMP" -> new ConceptCode(SYMP, id, display);
            case "MAXO" -> new ConceptCode(MAXO, id, display);
            case "UBERON" -> new ConceptCode(UBERON, id, display);
            case "NCIT" -> new ConceptCode(NCIT, rest, display);
            case "CVX" -> new ConceptCode(CVX, rest, display);
            case "RXNORM", "RXCUI" -> new ConceptCode(RXNORM, rest, display);
            case "DRUGBANK", "DB" -> new ConceptCode(DRUGBANK, rest, display);
            case "ICD10CM" -> new ConceptCode(ICD10CM, rest, display);
            case "SNOMEDCT", "SNOMEDCT_US", "SCTID" -> new ConceptCode(SNOMED, rest, display);
            default -> CUI.matcher(id).matches()
                    ? new ConceptCode(UMLS, id, display)
                    : new ConceptCode(LOCAL, id, display);
        };
    }
}
