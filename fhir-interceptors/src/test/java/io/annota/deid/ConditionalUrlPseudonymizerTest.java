package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalUrlPseudonymizerTest {

    private static final Pseudonymizer PSEUDONYMS =
            new Pseudonymizer("conditional-url-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final ConditionalUrlPseudonymizer URLS =
            new ConditionalUrlPseudonymizer(FhirContext.forR4Cached(), PSEUDONYMS);

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Patient?identifier=urn:mrn|12345; urn:mrn; 12345",
        "Patient?identifier=urn%3Amrn%7C12345; urn:mrn; 12345",
        "Encounter?identifier=http://h.example/visit|V-9; http://h.example/visit; V-9",
        "Patient?identifier:of-type=urn:mrn|12345; urn:mrn; 12345",
    })
    void identifierValuesBecomeTheStoredPseudonyms(String url, String system, String value) {
        String rewritten = URLS.rewrite(null, url);

        assertThat(rewritten).doesNotContain(value);
        assertThat(UrlDecoded.of(rewritten)).contains(system + "|" + PSEUDONYMS.pseudonym(system, value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Condition?code=http://snomed.info/sct|44054006&subject=Patient/123",
        "Patient?_id=1234",
        "Observation?status=final",
        "Observation?subject=urn:uuid:7f4c0c1e-0000-4000-8000-000000000001",
    })
    void codesServerIdsAndReferencesToServerIdsPassUnchanged(String url) {
        assertThat(UrlDecoded.of(URLS.rewrite(null, url))).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Patient?_id=mrn-448812; _id=PID",
        "Condition?code=http://snomed.info/sct|44054006&subject=Patient/mrn-448812; subject=Patient/PID",
        "Condition?patient=mrn-448812; patient=PID",
        "Condition?subject:Patient=mrn-448812; subject:Patient=PID",
        "Condition?subject=http://other.example/fhir/Patient/mrn-448812; subject=http://other.example/fhir/Patient/PID",
    })
    void clientAssignedIdsInIdAndReferenceParametersBecomeTheStoredIds(String url, String expected) {
        String rewritten = UrlDecoded.of(URLS.rewrite(null, url));

        assertThat(rewritten).doesNotContain("mrn-448812")
                .contains(expected.replace("PID", PSEUDONYMS.pseudonymousId("Patient", "mrn-448812")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Condition?subject=mrn-448812; subject",
        "Observation?subject.name=Quixote; subject.name",
    })
    void referencesThatCannotBeMappedAreRefusedWithoutEchoingTheirValue(String url, String parameter) {
        String value = url.substring(url.indexOf('=') + 1);
        assertThatThrownBy(() -> URLS.rewrite(null, url))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(parameter.contains(".") ? parameter.substring(0, parameter.indexOf('.')) : parameter)
                .hasMessageNotContaining(value);
    }

    @org.junit.jupiter.api.Test
    void aSearchHasItsIdsReferencesAndIdentifierTokensMappedAndEverythingElseLeftAlone() {
        java.util.Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
        parameters.put("subject", new String[] {"Patient/mrn-448812"});
        parameters.put("_id", new String[] {"obs-1,123"});
        parameters.put("code", new String[] {"http://loinc.org|8867-4"});
        parameters.put("subject:identifier", new String[] {"urn:mrn|448812"});
        parameters.put("subject.name", new String[] {"Quixote"});

        java.util.Map<String, String[]> mapped = URLS.rewriteSearch("Observation", parameters);

        assertThat(mapped.get("subject")).containsExactly("Patient/" + PSEUDONYMS.pseudonymousId("Patient", "mrn-448812"));
        assertThat(mapped.get("_id")).containsExactly(PSEUDONYMS.pseudonymousId("Observation", "obs-1") + ",123");
        assertThat(mapped.get("code")).containsExactly("http://loinc.org|8867-4");
        assertThat(mapped.get("subject:identifier")).containsExactly("urn:mrn|" + PSEUDONYMS.pseudonym("urn:mrn", "448812"));
        assertThat(mapped.get("subject.name")).containsExactly("Quixote");
        assertThat(parameters.get("subject")).containsExactly("Patient/mrn-448812");
    }

    @org.junit.jupiter.api.Test
    void anIdentifierValueThatIsAlreadyAPseudonymIsKept() {
        String pseudonym = PSEUDONYMS.pseudonym("urn:mrn", "12345");
        assertThat(UrlDecoded.of(URLS.rewrite(null, "Patient?identifier=urn:mrn|" + pseudonym)))
                .isEqualTo("Patient?identifier=urn:mrn|" + pseudonym);
        assertThat(URLS.rewriteSearch("Patient", java.util.Map.of("identifier", new String[] {"urn:mrn|" + pseudonym}))
                .get("identifier")).containsExactly("urn:mrn|" + pseudonym);
    }

    @org.junit.jupiter.api.Test
    void aSearchWithNothingToMapIsReturnedAsItIs() {
        java.util.Map<String, String[]> parameters = java.util.Map.of("code", new String[] {"8867-4"},
                "subject", new String[] {"Patient/123"});
        assertThat(URLS.rewriteSearch("Observation", parameters)).isSameAs(parameters);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Patient?name=Quixote; name",
        "Patient?birthdate=1958-07-14; birthdate",
        "Patient?phone=6175550143; phone",
        "Patient?identifier=12345; identifier",
        "Patient?nosuchparam=x; nosuchparam",
    })
    void parametersThatCannotMatchDeidentifiedDataAreRefusedWithoutEchoingTheirValue(String url, String parameter) {
        String value = url.substring(url.indexOf('=') + 1);
        assertThatThrownBy(() -> URLS.rewrite(null, url))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(parameter)
                .hasMessageNotContaining(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "/Patient?identifier=urn:mrn|12345",
        "http://localhost:8080/fhir/Patient?identifier=urn:mrn|12345",
    })
    void anAbsoluteOrSlashPrefixedIfNoneExistUrlIsReadAsItsResourceType(String url) {
        assertThat(UrlDecoded.of(URLS.rewrite("Patient", url)))
                .isEqualTo("Patient?identifier=urn:mrn|" + PSEUDONYMS.pseudonym("urn:mrn", "12345"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "identifier=urn:mrn|12345",
        "Patient?identifier=urn:mrn|12345",
    })
    void anIfNoneExistQueryTakesTheEntrysResourceType(String query) {
        String rewritten = UrlDecoded.of(URLS.rewrite("Patient", query));

        assertThat(rewritten).endsWith("identifier=urn:mrn|" + PSEUDONYMS.pseudonym("urn:mrn", "12345"));
        assertThat(rewritten.startsWith("Patient?")).isEqualTo(query.startsWith("Patient?"));
    }

    /** Decoding so assertions do not depend on how '|' and ':' are escaped. */
    private static final class UrlDecoded {
        static String of(String url) {
            return java.net.URLDecoder.decode(url, StandardCharsets.UTF_8);
        }
    }
}
