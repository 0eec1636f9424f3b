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
        "Condition?code=http://snomed.info/sct|44054006&subject=Patient/a1",
        "Patient?_id=a1b2",
        "Observation?status=final",
    })
    void codesIdsAndReferencesPassUnchanged(String url) {
        assertThat(UrlDecoded.of(URLS.rewrite(null, url))).isEqualTo(url);
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
