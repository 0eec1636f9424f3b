package io.annota.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Configuration handling and error hygiene; no engine is built here. */
class CtakesNlpSettingsTest {

    @Test
    void unknownProfileIsRejected() {
        assertThatThrownBy(() -> CtakesNlp.start(new NlpSettings("turbo", 1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turbo");
    }

    @Test
    void missingLookupXmlIsRejectedBeforeBuilding() {
        assertThatThrownBy(() -> CtakesNlp.start(new NlpSettings("lite", 1, "/nonexistent/my-umls-lookup.xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my-umls-lookup.xml");
    }

    @Test
    void piperLookupXmlIsReplacedByTheConfiguredOne() {
        List<String> lines = CtakesNlp.readPiper("annota/ctakes/full.piper", "/opt/dict/my lookup.xml");
        assertThat(lines).filteredOn(l -> l.contains("LookupXml="))
                .containsExactly("add DefaultJCasTermAnnotator LookupXml=\"/opt/dict/my lookup.xml\"");
        assertThat(CtakesNlp.readPiper("annota/ctakes/lite.piper", CtakesNlp.BUNDLED_LOOKUP_XML))
                .contains("add DefaultJCasTermAnnotator LookupXml=annota/ctakes/lookup.xml");
    }

    @Test
    void bundledLookupSpecPointsAtTheStarterDictionary() {
        CtakesNlp.LookupSpec spec = CtakesNlp.LookupSpec.read(CtakesNlp.BUNDLED_LOOKUP_XML);
        assertThat(spec.bsvPaths()).containsExactly("annota/ctakes/dictionary/annota-starter.bsv");
        assertThat(spec.dictionaryLabel()).startsWith("Annota starter dictionary 1.1 (DOID 2024-01-31");
        assertThat(ResourceLocator.codesFileFor(spec.bsvPaths().get(0)))
                .isEqualTo("annota/ctakes/dictionary/annota-starter-codes.tsv");
    }

    @Test
    void idsWithoutSideFileEntryAreMappedByPrefix() {
        assertThat(DictionaryCodes.fromId("RXNORM:6809", "metformin"))
                .isEqualTo(new ConceptCode(DictionaryCodes.RXNORM, "6809", "metformin"));
        assertThat(DictionaryCodes.fromId("DOID:9352", null)).isEqualTo(new ConceptCode(DictionaryCodes.DOID,
                "DOID:9352", null));
        assertThat(DictionaryCodes.fromId("C0011860", "x").system()).isEqualTo(DictionaryCodes.UMLS);
        assertThat(DictionaryCodes.fromId("MAXO:0001032", "x").code()).isEqualTo("MAXO:0001032");
        assertThat(DictionaryCodes.fromId("NCIT:C64853", "x"))
                .isEqualTo(new ConceptCode(DictionaryCodes.NCIT, "C64853", "x"));
        assertThat(DictionaryCodes.fromId("CVX:03", "x")).isEqualTo(new ConceptCode(DictionaryCodes.CVX, "03", "x"));
        assertThat(DictionaryCodes.fromId("LOCAL123", "x").system()).isEqualTo(DictionaryCodes.LOCAL);
    }

    @Test
    void exceptionsNeverCarryTheCauseMessage() {
        String note = "Jane Doe, MRN 12345, denies chest pain";
        Exception cause = new IllegalStateException("bad token in '" + note + "'",
                new RuntimeException("nested: " + note));
        NlpException e = new NlpException("cTAKES full pipeline failed on a note of 38 characters", cause);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("Jane", "12345", "chest pain");
            assertThat(t.toString()).doesNotContain("Jane");
        }
        assertThat(e.getCause().getMessage()).contains(IllegalStateException.class.getName());
        assertThat(e.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
        assertThat(e.getCause().getCause().getMessage()).contains(RuntimeException.class.getName());
    }
}
