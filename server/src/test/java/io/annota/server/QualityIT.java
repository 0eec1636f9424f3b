package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.support.Notes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * {@code $annotation-quality} over three notes of one patient, reviewed by three reviewers through {@code $review}
 * and {@code $add-annotation}; every figure is checked against the hand computation written out below.
 */
class QualityIT extends AnnotaServerIT {

    private static final String NOTE_A = "Known type 2 diabetes mellitus, on metformin. He denies chest pain.";
    private static final String NOTE_B = "Patient reports fatigue and cough after the flu. Takes aspirin daily.";
    private static final String NOTE_C = "Mother had asthma.";
    private static final String SYMP = "http://purl.obolibrary.org/obo/symp.owl";
    private static final String REVIEWER_SYSTEM = "https://annota.io/fhir/NamingSystem/reviewer";

    /*
     * The machine (as the NLP reads the notes; checked first):
     *   A: D "type 2 diabetes mellitus" (disorder), M "metformin" (medication), C "chest pain" (sign-symptom,
     *      negated), Ch "chest" (anatomy, inside "chest pain")
     *   B: F "fatigue", Co "cough" (sign-symptom), As "aspirin" (medication); "flu" is not in the dictionary
     *   C: S "asthma" (disorder)
     * The reviews (rv-3 adjudicates; an adjudication is no label):
     *   D   rv-1 accept, rv-2 accept, rv-3 accept                    -> accepted
     *   M   rv-1 accept, rv-2 reject, rv-3 adjudicates reject        -> rejected
     *   C   rv-1 and rv-2 correct the span to "pain"                 -> corrected (span only: code and negation kept)
     *   Ch  rv-1 accept, rv-2 accept                                 -> accepted
     *   F   rv-1 accept, rv-2 accept                                 -> accepted
     *   Co  rv-1 and rv-2 correct the code to SYMP:0000242           -> corrected (span kept)
     *   As  rv-1 reject, rv-2 accept, rv-3 reject, rv-3 adjudicates reject -> rejected
     *   X   rv-2 adds "flu" (disorder), rv-1 accepts                 -> accepted
     *   S   rv-1 accept, rv-2 reject                                 -> disputed: note C is unfinished
     *
     * Scores over notes A and B: machine D M C Ch F Co As (7); gold D C'(pain) Ch F Co'(new code) X (6).
     *   exact span:        D Ch F Co    tp 4 fp 3 fn 2  P 4/7 = 0.5714  R 4/6 = 0.6667  F1 8/13 = 0.6154
     *   exact span + code: D Ch F       tp 3 fp 4 fn 3  P 3/7 = 0.4286  R 3/6 = 0.5     F1 6/13 = 0.4615
     *   overlap:           D Ch C F Co  tp 5 fp 2 fn 1  P 5/7 = 0.7143  R 5/6 = 0.8333  F1 10/13 = 0.7692
     *                      (machine C overlaps gold Ch and C'; the maximum matching pairs Ch-Ch and C-C')
     *   overlap + code:    D Ch C F     tp 4 fp 3 fn 2  (as exact span)
     *   per group, overlap: disorder tp 1 fp 0 fn 1 (X)  P 1  R 0.5  F1 2/3 = 0.6667
     *                       sign-symptom tp 3 fp 0 fn 0, anatomy tp 1 fp 0 fn 0: P R F1 1
     *                       medication tp 0 fp 2 fn 0    P 0, R undefined, F1 0
     *   negated over the 5 overlap pairs: the gold keeps the machine's flags, so fp 0 fn 0, accuracy 1; tp counts
     *     C and, if the NLP negated it too, Ch
     *
     * Labels (latest non-adjudication decision): a = accepted, r = rejected, c = corrected
     *          D  M  C  Ch F  Co As X  S
     *   rv-1   a  a  c  a  a  c  r  a  a
     *   rv-2   a  r  c  a  a  c  a  .  r
     *   rv-3   a  .  .  .  .  .  r  .  .
     *   kappa rv-1/rv-2 over D M C Ch F Co As S (8): agree D C Ch F Co, po = 5/8; rv-1 a5 c2 r1, rv-2 a4 c2 r2,
     *     pe = (5*4 + 2*2 + 1*2)/64 = 26/64, kappa = (40/64 - 26/64)/(38/64) = 14/38 = 0.3684
     *   kappa rv-1/rv-3 over D As: po 1, pe = 1/2*1/2 + 1/2*1/2 = 1/2, kappa 1
     *   kappa rv-2/rv-3 over D As: po 1/2, rv-2 a2, rv-3 a1 r1, pe = 1*1/2 = 1/2, kappa 0
     *   alpha over the 8 units with >= 2 labels (X has one), n = 18 labels:
     *     disagreements (m^2 - sum count^2)/(m-1): M (4-2)/1 = 2, As (9-5)/2 = 2, S 2, others 0: 6;
     *     n(a) 10, n(r) 4, n(c) 4; alpha = 1 - (n-1) * 6 / (18^2 - 10^2 - 4^2 - 4^2) = 1 - 17*6/192 = 0.46875
     */
    @Test
    void figuresMatchTheHandComputation() {
        String patient = patient();
        String a = note(patient, NOTE_A);
        String b = note(patient, NOTE_B);
        String c = note(patient, NOTE_C);
        Map<String, DomainResource> machine = annotations(a, b, c);
        assertThat(machine).containsOnlyKeys("type 2 diabetes mellitus", "metformin", "chest pain", "chest",
                "fatigue", "cough", "aspirin", "asthma");

        decide(machine.get("type 2 diabetes mellitus"), "rv-1", "accept", "rv-2", "accept", "rv-3", "accept");
        decide(machine.get("metformin"), "rv-1", "accept", "rv-2", "reject");
        adjudicate(machine.get("metformin"), "rv-3", "reject");
        int pain = NOTE_A.indexOf("chest pain") + "chest ".length();
        for (String reviewer : List.of("rv-1", "rv-2")) {
            review(machine.get("chest pain"), decision(reviewer, "correct")
                    .addParameter("begin", new IntegerType(pain)).addParameter("end", new IntegerType(pain + 4)));
            review(machine.get("cough"), decision(reviewer, "correct")
                    .addParameter("code", new Coding(SYMP, "SYMP:0000242", null)));
        }
        decide(machine.get("chest"), "rv-1", "accept", "rv-2", "accept");
        decide(machine.get("fatigue"), "rv-1", "accept", "rv-2", "accept");
        decide(machine.get("aspirin"), "rv-1", "reject", "rv-2", "accept", "rv-3", "reject");
        adjudicate(machine.get("aspirin"), "rv-3", "reject");
        int flu = NOTE_B.indexOf("flu");
        DomainResource added = (DomainResource) fhir().operation().onInstance(new IdType(b)).named("$add-annotation")
                .withParameters(new Parameters().addParameter("reviewer", new StringType("rv-2"))
                        .addParameter("group", new CodeType("disorder"))
                        .addParameter("code", new Coding("http://purl.obolibrary.org/obo/doid.owl", "DOID:8469", null))
                        .addParameter("begin", new IntegerType(flu)).addParameter("end", new IntegerType(flu + 3)))
                .returnResourceType(Condition.class).execute();
        decide(added, "rv-1", "accept");
        decide(machine.get("asthma"), "rv-1", "accept", "rv-2", "reject");

        Parameters result = quality(new Parameters().addParameter("patient", new StringType(patient)));

        assertThat(integer(result, "documents")).isEqualTo(2);
        assertThat(integer(result, "documentsUnfinished")).isEqualTo(1);
        assertThat(integer(result, "goldAnnotations")).isEqualTo(6);
        assertThat(integer(result, "machineAnnotations")).isEqualTo(7);
        assertScore(score(result, "exact", false, "all"), 4, 3, 2, 0.5714, 0.6667, 0.6154);
        assertScore(score(result, "exact", true, "all"), 3, 4, 3, 0.4286, 0.5, 0.4615);
        assertScore(score(result, "overlap", false, "all"), 5, 2, 1, 0.7143, 0.8333, 0.7692);
        assertScore(score(result, "overlap", true, "all"), 4, 3, 2, 0.5714, 0.6667, 0.6154);
        assertScore(score(result, "overlap", false, "disorder"), 1, 0, 1, 1.0, 0.5, 0.6667);
        assertScore(score(result, "overlap", false, "sign-symptom"), 3, 0, 0, 1.0, 1.0, 1.0);
        assertScore(score(result, "overlap", false, "anatomy"), 1, 0, 0, 1.0, 1.0, 1.0);
        ParametersParameterComponent medication = score(result, "overlap", false, "medication");
        assertScore(medication, 0, 2, 0, 0.0, null, 0.0);
        assertThat(parts(medication)).doesNotContainKey("recall");
        ParametersParameterComponent negated = find(result, "assertion", Map.of("attribute", "negated"));
        int negatedPairs = negated(machine.get("chest")) ? 2 : 1;
        assertThat(parts(negated)).containsEntry("pairs", "5").containsEntry("tp", String.valueOf(negatedPairs))
                .containsEntry("tn", String.valueOf(5 - negatedPairs)).containsEntry("fp", "0").containsEntry("fn", "0");
        assertThat(decimal(negated, "accuracy")).isEqualTo(1.0);

        String rv1 = reviewer("rv-1");
        String rv2 = reviewer("rv-2");
        String rv3 = reviewer("rv-3");
        assertThat(result.getParameters("reviewer")).extracting(p -> p.getValue().primitiveValue())
                .containsExactlyInAnyOrder(rv1, rv2, rv3);
        assertKappa(kappa(result, rv1, rv2), 8, 5.0 / 8, 14.0 / 38);
        assertKappa(kappa(result, rv1, rv3), 2, 1.0, 1.0);
        assertKappa(kappa(result, rv2, rv3), 2, 0.5, 0.0);
        ParametersParameterComponent alpha = result.getParameter("alpha");
        assertThat(parts(alpha)).containsEntry("reviewers", "3").containsEntry("items", "8")
                .containsEntry("labels", "18");
        assertThat(decimal(alpha, "value")).isCloseTo(1 - 17.0 * 6 / 192, within(5e-5));

        // on note A alone: machine D M C Ch, gold D C' Ch; exact tp 2 (D Ch) fp 2 fn 1: P 1/2, R 2/3, F1 4/7;
        // overlap tp 3 fp 1 fn 0: P 3/4, R 1, F1 6/7
        Parameters noteA = fhir().operation().onInstance(new IdType(a)).named("$annotation-quality")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        assertScore(score(noteA, "exact", false, "all"), 2, 2, 1, 0.5, 0.6667, 0.5714);
        assertScore(score(noteA, "overlap", false, "all"), 3, 1, 0, 0.75, 1.0, 0.8571);
        // note C is unfinished: no scores but its disputed label pair counts for agreement (1 item, po 0)
        Parameters noteC = quality(new Parameters().addParameter("document", new StringType(c)));
        assertThat(integer(noteC, "documents")).isZero();
        assertThat(integer(noteC, "documentsUnfinished")).isEqualTo(1);
        assertKappa(kappa(noteC, rv1, rv2), 1, 0.0, 0.0);
    }

    @Test
    void badSelectionsAreRefused() {
        String patient = patient();
        assertThatThrownBy(() -> quality(new Parameters().addParameter("document", new StringType(patient))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> quality(new Parameters().addParameter("patient", new StringType("Condition/1"))))
                .isInstanceOf(InvalidRequestException.class);
        String note = note(patient, NOTE_C);
        assertThatThrownBy(() -> quality(new Parameters().addParameter("patient", new StringType(patient))
                .addParameter("document", new StringType(note)))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void withoutReviewsThereIsNothingToScoreAndNoAgreement() {
        String patient = patient();
        annotations(note(patient, NOTE_C));
        Parameters result = quality(new Parameters().addParameter("patient", new StringType(patient)));
        assertThat(integer(result, "documents")).isZero();
        assertThat(parts(score(result, "exact", false, "all"))).containsEntry("tp", "0")
                .doesNotContainKeys("precision", "recall", "f1");
        assertThat(result.getParameters("kappa")).isEmpty();
        assertThat(parts(result.getParameter("alpha"))).containsEntry("note", "fewer than two reviewers")
                .doesNotContainKey("value");
    }

    private String patient() {
        return create(namedPatient("Quimby", "Harriet"));
    }

    private String note(String patient, String text) {
        return create(Notes.note(patient, text));
    }

    /** The machine annotations of the notes by covered text, once the NLP's run on each is stored. */
    private Map<String, DomainResource> annotations(String... notes) {
        for (String note : notes) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !search("Provenance?entity=" + note).getEntry().isEmpty());
        }
        return AnnotationExtensions.ANNOTATED_TYPES.stream()
                .flatMap(type -> List.of(notes).stream().flatMap(note ->
                        search(type + "?annotation-source=" + note).getEntry().stream()))
                .map(e -> (DomainResource) e.getResource())
                .collect(Collectors.toMap(QualityIT::covered, r -> r));
    }

    private static String covered(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE)
                .getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue();
    }

    private static boolean negated(DomainResource annotation) {
        return Boolean.parseBoolean(annotation.getExtensionByUrl(AnnotationExtensions.ASSERTION)
                .getExtensionByUrl("negated").getValue().primitiveValue());
    }

    /** Decisions as reviewer, decision, reviewer, decision, ... */
    private void decide(DomainResource annotation, String... decisions) {
        for (int i = 0; i < decisions.length; i += 2) {
            review(annotation, decision(decisions[i], decisions[i + 1]));
        }
    }

    private void adjudicate(DomainResource annotation, String reviewer, String outcome) {
        review(annotation, decision(reviewer, "adjudicate").addParameter("final", new CodeType(outcome)));
    }

    private static Parameters decision(String reviewer, String decision) {
        return new Parameters().addParameter("reviewer", new StringType(reviewer))
                .addParameter("decision", new CodeType(decision));
    }

    private void review(DomainResource annotation, Parameters parameters) {
        fhir().operation().onInstance(annotation.getIdElement().toUnqualifiedVersionless()).named("$review")
                .withParameters(parameters).returnResourceType(annotation.getClass()).execute();
    }

    private Parameters quality(Parameters parameters) {
        return fhir().operation().onServer().named("$annotation-quality").withParameters(parameters).useHttpGet()
                .execute();
    }

    private static String reviewer(String id) {
        return PSEUDONYMS.pseudonym(REVIEWER_SYSTEM, id);
    }

    private static ParametersParameterComponent score(Parameters result, String span, boolean code, String group) {
        return find(result, "score", Map.of("span", span, "codeMustMatch", String.valueOf(code), "group", group));
    }

    private static ParametersParameterComponent kappa(Parameters result, String first, String second) {
        return result.getParameters("kappa").stream()
                .filter(p -> p.getPart().stream().filter(x -> x.getName().equals("reviewer"))
                        .map(x -> x.getValue().primitiveValue()).collect(Collectors.toSet())
                        .equals(Set.of(first, second)))
                .findFirst().orElseThrow();
    }

    private static ParametersParameterComponent find(Parameters result, String name, Map<String, String> where) {
        return result.getParameters(name).stream()
                .filter(p -> parts(p).entrySet().containsAll(where.entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " with " + where));
    }

    /** The parts by name (the last one of a repeated name), values as strings. */
    private static Map<String, String> parts(ParametersParameterComponent parameter) {
        return parameter.getPart().stream().collect(Collectors.toMap(ParametersParameterComponent::getName,
                p -> p.getValue().primitiveValue(), (x, y) -> y));
    }

    private static void assertScore(ParametersParameterComponent score, int tp, int fp, int fn, Double precision,
            Double recall, Double f1) {
        assertThat(parts(score)).containsEntry("tp", String.valueOf(tp)).containsEntry("fp", String.valueOf(fp))
                .containsEntry("fn", String.valueOf(fn));
        assertThat(decimal(score, "precision")).isEqualTo(precision);
        assertThat(decimal(score, "recall")).isEqualTo(recall);
        assertThat(decimal(score, "f1")).isEqualTo(f1);
    }

    private static void assertKappa(ParametersParameterComponent kappa, int items, double observed, double value) {
        assertThat(parts(kappa)).containsEntry("items", String.valueOf(items));
        assertThat(decimal(kappa, "observedAgreement")).isCloseTo(observed, within(5e-5));
        assertThat(decimal(kappa, "value")).isCloseTo(value, within(5e-5));
    }

    /** A decimal part, or null when it is absent (undefined). */
    private static Double decimal(ParametersParameterComponent parameter, String name) {
        String value = parts(parameter).get(name);
        return value == null ? null : Double.valueOf(value);
    }

    private static int integer(Parameters result, String name) {
        Type value = result.getParameter(name).getValue();
        return ((IntegerType) value).getValue();
    }

    private Bundle search(String query) {
        return fhir().search().byUrl(query).returnBundle(Bundle.class).execute();
    }
}
