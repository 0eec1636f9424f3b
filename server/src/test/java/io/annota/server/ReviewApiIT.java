package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.support.Notes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code $review} through the HAPI generic client: the stored annotation, its history and the Provenances. */
class ReviewApiIT extends AnnotaServerIT {

    private static final String NOTE = "Known type 2 diabetes mellitus, on metformin. He denies chest pain.";

    private String document;

    @BeforeEach
    void annotatedDocument() {
        document = create(Notes.note(create(namedPatient("Abernathy", "Rosalind")), NOTE));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> search("MedicationStatement?annotation-source=" + document).getEntry().size()
                        + search("Condition?annotation-source=" + document).getEntry().size() >= 3);
    }

    @Test
    void twoReviewersAcceptAndTheMachineOutputStaysInHistory() {
        Condition diabetes = condition("diabetes");
        Condition accepted = (Condition) review(diabetes, "reviewer-1", "accept");
        assertThat(state(accepted)).isEqualTo("accepted");
        assertThat(accepted.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
        review(diabetes, "reviewer-2", "accept");

        Condition stored = fhir().read().resource(Condition.class).withId(diabetes.getIdElement().toVersionless())
                .execute();
        assertThat(state(stored)).isEqualTo("accepted");
        Bundle history = fhir().history().onInstance(diabetes.getIdElement().toVersionless())
                .returnBundle(Bundle.class).execute();
        Condition machine = (Condition) history.getEntry().get(history.getEntry().size() - 1).getResource();
        assertThat(state(machine)).isEqualTo("unconfirmed");

        List<Provenance> decisions = reviews(diabetes);
        assertThat(decisions).hasSize(2);
        Provenance first = decisions.get(0);
        assertThat(first.getActivity().getCoding()).extracting(Coding::getCode).containsExactly("verify", "accepted");
        assertThat(first.getEntityFirstRep().getRole()).isEqualTo(Provenance.ProvenanceEntityRole.REVISION);
        assertThat(first.getEntityFirstRep().getWhat().getReference())
                .isEqualTo(diabetes.getIdElement().toUnqualified().getValue());
        assertThat(first.getTargetFirstRep().getReference())
                .isEqualTo(accepted.getIdElement().toUnqualified().getValue());
        // pseudonymous, and two distinct reviewers
        assertThat(decisions).extracting(p -> p.getAgentFirstRep().getWho().getIdentifier().getValue())
                .doesNotContain("reviewer-1", "reviewer-2").doesNotHaveDuplicates();
    }

    @Test
    void aCorrectionOfCodeAndSpanIsANewVersion() {
        Condition chestPain = condition("chest pain");
        int begin = NOTE.indexOf("chest pain") + "chest ".length();
        Parameters parameters = parameters("reviewer-1", "correct")
                .addParameter("code", new Coding("http://example.org/codes", "pain-1", null))
                .addParameter("begin", new IntegerType(begin))
                .addParameter("end", new IntegerType(begin + "pain".length()));
        Condition corrected = (Condition) review(chestPain, parameters);

        assertThat(state(corrected)).isEqualTo("corrected");
        assertThat(corrected.getCode().getCoding()).extracting(Coding::getCode).containsExactly("pain-1");
        assertThat(corrected.getCode().getText()).isEqualTo("pain");
        Extension evidence = corrected.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        assertThat(evidence.getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue()).isEqualTo("pain");
        // still negated: the reviewer corrected the code and span, not the assertion
        assertThat(corrected.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("refuted");
        Condition original = fhir().read().resource(Condition.class).withId(chestPain.getIdElement()).execute();
        assertThat(original.getCode().getText()).isEqualTo("chest pain");
        assertThat(reviews(chestPain).get(0).getActivity().getCodingFirstRep().getCode()).isEqualTo("correct");
    }

    @Test
    void aCorrectionOfTheAssertionRewritesItsFlagsAndStatus() {
        Condition chestPain = condition("chest pain");
        assertThatThrownBy(() -> review(chestPain, parameters("reviewer-1", "correct")
                .addParameter("subject", new CodeType("neighbour")))).isInstanceOf(InvalidRequestException.class);

        Condition corrected = (Condition) review(chestPain, parameters("reviewer-1", "correct")
                .addParameter("negated", new BooleanType(false))
                .addParameter("historyOf", new BooleanType(true))
                .addParameter("subject", new CodeType("family_member")));

        Extension assertion = corrected.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        assertThat(assertion.getExtension()).extracting(Extension::getUrl, e -> e.getValue().primitiveValue())
                .containsExactly(tuple("negated", "false"), tuple("uncertain", "false"), tuple("historyOf", "true"),
                        tuple("conditional", "false"), tuple("generic", "false"), tuple("subject", "family_member"));
        assertThat(state(corrected)).isEqualTo("corrected");
        assertThat(corrected.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
        assertThat(search("Condition?annotation-source=" + document + "&annotation-negated=true").getEntry())
                .isEmpty();
        assertThat(reviews(chestPain)).singleElement().satisfies(p -> assertThat(p.getActivity().getCoding())
                .extracting(Coding::getCode).containsExactly("correct", "corrected"));
    }

    @Test
    void disagreementIsDisputedUntilAdjudicated() {
        MedicationStatement metformin = (MedicationStatement)
                search("MedicationStatement?annotation-source=" + document)
                .getEntryFirstRep().getResource();
        review(metformin, "reviewer-1", "accept");
        assertThat(state(review(metformin, "reviewer-2", "reject"))).isEqualTo("disputed");

        MedicationStatement settled = (MedicationStatement) review(metformin,
                parameters("reviewer-3", "adjudicate").addParameter("final", new CodeType("reject")));
        assertThat(state(settled)).isEqualTo("rejected");
        assertThat(settled.getStatus()).isEqualTo(MedicationStatement.MedicationStatementStatus.ENTEREDINERROR);
        assertThat(reviews(metformin)).hasSize(3).last().satisfies(p -> assertThat(p.getActivity().getCoding())
                .extracting(Coding::getCode).containsExactly("adjudicate", "rejected"));
    }

    @Test
    void simultaneousReviewsAllCountAndAPractitionerMayReview() throws Exception {
        Condition diabetes = condition("diabetes");
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem("http://example.org/staff").setValue("S-4471");
        String practitionerId = fhir().create().resource(practitioner).execute().getId().toUnqualifiedVersionless()
                .getValue();
        assertThatThrownBy(() -> review(diabetes, "Practitioner/does-not-exist", "accept"))
                .isInstanceOf(InvalidRequestException.class);

        // one dissent among four simultaneous decisions: a state weighed without any one of them is not disputed
        Map<String, String> decisions = Map.of(practitionerId, "accept", "reviewer-1", "accept",
                "reviewer-2", "reject", "reviewer-3", "accept");
        ExecutorService pool = Executors.newFixedThreadPool(decisions.size());
        try {
            List<Future<DomainResource>> pending = new ArrayList<>();
            decisions.forEach((reviewer, decision) -> pending.add(pool.submit(() -> review(diabetes, reviewer,
                    decision))));
            for (Future<DomainResource> decision : pending) {
                decision.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(reviews(diabetes)).hasSize(4).anySatisfy(p -> assertThat(p.getAgentFirstRep().getWho()
                .getReference()).isEqualTo(practitionerId));
        assertThat(state(fhir().read().resource(Condition.class).withId(diabetes.getIdElement().toVersionless())
                .execute())).isEqualTo("disputed");
    }

    @Test
    void invalidRequestsAreRefused() {
        Condition diabetes = condition("diabetes");
        for (Parameters invalid : List.of(parameters("reviewer-1", "approve"), parameters("reviewer-1", "correct"),
                new Parameters().addParameter("decision", new CodeType("accept")),
                parameters("reviewer-1", "correct").addParameter("begin", new IntegerType(0))
                        .addParameter("end", new IntegerType(NOTE.length() + 1)))) {
            assertThatThrownBy(() -> review(diabetes, invalid)).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(reviews(diabetes)).isEmpty();
    }

    @Test
    void aReviewerAddsAMissedMention() {
        int begin = NOTE.indexOf("Known");
        Parameters parameters = new Parameters().addParameter("reviewer", new StringType("reviewer-1"))
                .addParameter("group", new CodeType("sign-symptom"))
                .addParameter("code", new Coding("http://example.org/codes", "known-1", null));
        assertThatThrownBy(() -> add(parameters.copy().addParameter("begin", new IntegerType(begin))
                .addParameter("end", new IntegerType(NOTE.length() + 5)))).isInstanceOf(InvalidRequestException.class);

        Condition added = (Condition) add(parameters.addParameter("begin", new IntegerType(begin))
                .addParameter("end", new IntegerType(begin + "Known".length())));
        assertThat(state(added)).isEqualTo("added");
        Extension evidence = added.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        assertThat(evidence.getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue())
                .isEqualTo("Known");
        assertThat(((Reference) evidence.getExtensionByUrl(AnnotationExtensions.SOURCE).getValue()).getReference())
                .startsWith(document + "/_history/");
        assertThat(search("Condition?annotation-source=" + document + "&review-state=added").getEntry()).hasSize(1);
        assertThat(reviews(added)).singleElement().satisfies(p -> assertThat(p.getActivity().getCoding())
                .extracting(Coding::getCode).containsExactly("add", "added"));
        // the author's addition is not a vote: one reviewer's acceptance settles it
        assertThat(state(review(added, "reviewer-2", "accept"))).isEqualTo("accepted");
    }

    private DomainResource add(Parameters parameters) {
        return (DomainResource) fhir().operation().onInstance(new IdType(document)).named("$add-annotation")
                .withParameters(parameters).returnResourceType(Condition.class).execute();
    }

    private Condition condition(String text) {
        return search("Condition?annotation-source=" + document).getEntry().stream()
                .map(e -> (Condition) e.getResource())
                .filter(c -> c.getCode().getText().contains(text))
                .findFirst().orElseThrow();
    }

    private static Parameters parameters(String reviewer, String decision) {
        return new Parameters().addParameter("reviewer", new StringType(reviewer))
                .addParameter("decision", new CodeType(decision));
    }

    private DomainResource review(DomainResource annotation, String reviewer, String decision) {
        return review(annotation, parameters(reviewer, decision));
    }

    private DomainResource review(DomainResource annotation, Parameters parameters) {
        return (DomainResource) fhir().operation().onInstance(annotation.getIdElement().toVersionless())
                .named("$review").withParameters(parameters).returnResourceType(annotation.getClass()).execute();
    }

    private List<Provenance> reviews(DomainResource annotation) {
        return search("Provenance?target=" + annotation.getIdElement().toUnqualifiedVersionless().getValue()
                + "&_sort=recorded").getEntry().stream()
                .map(e -> (Provenance) e.getResource())
                .filter(p -> "verifier".equals(p.getAgentFirstRep().getType().getCodingFirstRep().getCode()))
                .toList();
    }

    private static String state(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).getValue().primitiveValue();
    }

    private Bundle search(String query) {
        return fhir().search().byUrl(query).returnBundle(Bundle.class).execute();
    }
}
