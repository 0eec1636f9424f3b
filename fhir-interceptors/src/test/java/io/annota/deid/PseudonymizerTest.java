package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private final Pseudonymizer pseudonymizer = new Pseudonymizer(Fixtures.KEY);

    @Test
    void pseudonymsAreStableKeyedAndDomainSeparated() {
        String p = pseudonymizer.pseudonym("urn:oid:1.2.3", "12345");

        assertThat(p).matches("[0-9a-f]{64}").isEqualTo(new Pseudonymizer(Fixtures.KEY).pseudonym("urn:oid:1.2.3", "12345"));
        assertThat(new Pseudonymizer(Fixtures.OTHER_KEY).pseudonym("urn:oid:1.2.3", "12345")).isNotEqualTo(p);
        assertThat(pseudonymizer.pseudonym("urn:oid:1.2.4", "12345")).isNotEqualTo(p);
        // the separator keeps domain|value unambiguous
        assertThat(pseudonymizer.pseudonym("ab", "c")).isNotEqualTo(pseudonymizer.pseudonym("a", "bc"));
    }

    @Test
    void resourceIdsAreFhirLegal() {
        String id = pseudonymizer.resourceId("Patient", "MRN448812");

        assertThat(id).matches("a[0-9a-f]{40}").hasSizeLessThanOrEqualTo(64);
        assertThat(pseudonymizer.resourceId("Encounter", "MRN448812")).isNotEqualTo(id);
    }

    @Test
    void clientIdsArePseudonymisedIdempotentlyWhileServerIdsStay() {
        String id = pseudonymizer.pseudonymousId("Patient", "john-smith-1970");

        assertThat(id).isEqualTo(pseudonymizer.resourceId("Patient", "john-smith-1970"));
        assertThat(pseudonymizer.pseudonymousId("Patient", id)).isEqualTo(id);
        assertThat(new Pseudonymizer(Fixtures.OTHER_KEY).pseudonymousId("Patient", "john-smith-1970")).isNotEqualTo(id);
        assertThat(pseudonymizer.pseudonymousId("Patient", "1234")).isEqualTo("1234");
        assertThat(pseudonymizer.pseudonymousId("Patient", null)).isNull();
    }

    @Test
    void shortKeysAreRejected() {
        assertThatThrownBy(() -> new Pseudonymizer(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
