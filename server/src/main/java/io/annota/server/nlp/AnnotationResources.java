package io.annota.server.nlp;

import io.annota.nlp.Assertion;
import io.annota.nlp.ConceptCode;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.PipelineInfo;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Turns NLP mentions into FHIR R4 resources: disorders and symptoms into Conditions, drugs into
 * MedicationStatements, procedures into Procedures, lab tests into Observations and anatomical sites into
 * BodyStructures, each with its codes, its evidence and its assertion; and the run into a Provenance whose
 * agent is a Device naming the pipeline and dictionary.
 */
public final class AnnotationResources {

    static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String PROVENANCE_ACTIVITY = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
    static final String PROVENANCE_AGENT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    /** review-state of every machine-made annotation until a person decides (see {@link AnnotationExtensions}). */
    static final String UNREVIEWED = "unconfirmed";

    /** What a mention was found in. */
    public record Source(Reference document, String elementPath, Reference subject, Optional<Reference> encounter) {
    }

    private AnnotationResources() {
    }

    /** The resource for a mention; every semantic group has one. */
    public static DomainResource toResource(ConceptMention mention, Source source) {
        DomainResource resource = switch (mention.group()) {
            case DISORDER, SIGN_SYMPTOM -> condition(mention, source);
            case MEDICATION -> medicationStatement(mention, source);
            case PROCEDURE -> procedure(mention, source);
            case LAB -> observation(mention, source);
            case ANATOMY -> bodyStructure(mention, source);
        };
        resource.addExtension(evidence(mention, source));
        resource.addExtension(assertion(mention.assertion()));
        // only a person moves an annotation out of this state; the native status elements carry the NLP's reading
        resource.addExtension(new Extension(AnnotationExtensions.REVIEW_STATE, new CodeType(UNREVIEWED)));
        return resource;
    }

    private static Condition condition(ConceptMention mention, Source source) {
        Condition condition = new Condition();
        condition.setCode(code(mention));
        condition.setSubject(source.subject().copy());
        source.encounter().ifPresent(e -> condition.setEncounter(e.copy()));
        condition.setVerificationStatus(new CodeableConcept(new Coding(CONDITION_VERIFICATION,
                verification(mention.assertion()), null)));
        condition.addEvidence().addDetail(source.document().copy());
        return condition;
    }

    private static String verification(Assertion assertion) {
        if (assertion.negated()) {
            return "refuted";
        }
        return assertion.uncertain() ? "provisional" : "unconfirmed";
    }

    private static MedicationStatement medicationStatement(ConceptMention mention, Source source) {
        MedicationStatement statement = new MedicationStatement();
        statement.setStatus(mention.assertion().negated()
                ? MedicationStatement.MedicationStatementStatus.NOTTAKEN
                : MedicationStatement.MedicationStatementStatus.UNKNOWN);
        statement.setMedication(code(mention));
        statement.setSubject(source.subject().copy());
        source.encounter().ifPresent(e -> statement.setContext(e.copy()));
        statement.addDerivedFrom(source.document().copy());
        return statement;
    }

    /** A mentioned procedure: "not-done" when negated, else "unknown", since a note may plan or recall it. */
    private static Procedure procedure(ConceptMention mention, Source source) {
        Procedure procedure = new Procedure();
        procedure.setStatus(mention.assertion().negated()
                ? Procedure.ProcedureStatus.NOTDONE
                : Procedure.ProcedureStatus.UNKNOWN);
        procedure.setCode(code(mention));
        procedure.setSubject(source.subject().copy());
        source.encounter().ifPresent(e -> procedure.setEncounter(e.copy()));
        return procedure;
    }

    /**
     * A mentioned lab test: "preliminary", as nobody has confirmed it; R4 Observation has no negation, so a
     * negated test is told apart only by the assertion extension.
     */
    private static Observation observation(ConceptMention mention, Source source) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
        observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
        observation.setCode(code(mention));
        observation.setSubject(source.subject().copy());
        source.encounter().ifPresent(e -> observation.setEncounter(e.copy()));
        observation.addDerivedFrom(source.document().copy());
        return observation;
    }

    /** A mentioned anatomical site; BodyStructure has no encounter, and its site is its {@code location}. */
    private static BodyStructure bodyStructure(ConceptMention mention, Source source) {
        BodyStructure structure = new BodyStructure();
        structure.setLocation(code(mention));
        structure.setPatient(source.subject().copy());
        return structure;
    }

    private static CodeableConcept code(ConceptMention mention) {
        CodeableConcept concept = new CodeableConcept();
        for (ConceptCode code : mention.codes()) {
            concept.addCoding(new Coding(code.system(), code.code(), code.display()));
        }
        concept.setText(mention.coveredText());
        return concept;
    }

    /** The element holding an annotation's concept, which differs per resource type (see {@link #toResource}). */
    public static CodeableConcept concept(DomainResource annotation) {
        if (annotation instanceof Condition condition) {
            return condition.getCode();
        } else if (annotation instanceof MedicationStatement statement) {
            return statement.getMedicationCodeableConcept();
        } else if (annotation instanceof Procedure procedure) {
            return procedure.getCode();
        } else if (annotation instanceof Observation observation) {
            return observation.getCode();
        } else if (annotation instanceof BodyStructure structure) {
            return structure.getLocation();
        }
        throw new IllegalArgumentException("not an annotation type: " + annotation.fhirType());
    }

    private static Extension evidence(ConceptMention mention, Source source) {
        Extension evidence = new Extension(AnnotationExtensions.EVIDENCE);
        evidence.addExtension(AnnotationExtensions.SOURCE, source.document().copy());
        evidence.addExtension(AnnotationExtensions.PATH, new StringType(source.elementPath()));
        evidence.addExtension(AnnotationExtensions.BEGIN, new IntegerType(mention.begin()));
        evidence.addExtension(AnnotationExtensions.END, new IntegerType(mention.end()));
        evidence.addExtension(AnnotationExtensions.TEXT, new StringType(mention.coveredText()));
        evidence.addExtension(AnnotationExtensions.GROUP, new CodeType(AnnotationGroups.code(mention.group())));
        return evidence;
    }

    private static Extension assertion(Assertion assertion) {
        Extension extension = new Extension(AnnotationExtensions.ASSERTION);
        List<Boolean> flags = List.of(assertion.negated(), assertion.uncertain(), assertion.historyOf(),
                assertion.conditional(), assertion.generic());
        for (int i = 0; i < flags.size(); i++) {
            extension.addExtension(AnnotationExtensions.FLAGS.get(i), new BooleanType(flags.get(i)));
        }
        if (assertion.subject() != null && !assertion.subject().isBlank()) {
            extension.addExtension(AnnotationExtensions.SUBJECT, new CodeType(assertion.subject()));
        }
        return extension;
    }

    /** The Device standing for one pipeline + dictionary combination; its id is a hash of both. */
    static Device device(PipelineInfo info) {
        Device device = new Device();
        device.setId(deviceId(info));
        device.addDeviceName().setName(info.pipeline()).setType(Device.DeviceNameType.MANUFACTURERNAME);
        device.addDeviceName().setName(info.dictionary()).setType(Device.DeviceNameType.OTHER);
        device.addVersion().setValue(info.pipeline() + "; " + info.dictionary());
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        return device;
    }

    static String deviceId(PipelineInfo info) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((info.pipeline() + "\n" + info.dictionary()).getBytes(StandardCharsets.UTF_8));
            // the form of a pseudonymous id ("a" + 40 hex), which de-identification keeps as it is
            return "a" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One Provenance per document run: what was produced (or the document itself when nothing was found). */
    static Provenance provenance(List<Reference> targets, Reference document, Reference device) {
        Provenance provenance = new Provenance();
        targets.forEach(t -> provenance.addTarget(t.copy()));
        if (targets.isEmpty()) {
            provenance.addTarget(document.copy());
        }
        provenance.setRecorded(new Date());
        provenance.setActivity(new CodeableConcept(new Coding(PROVENANCE_ACTIVITY, "CREATE", "create")));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(PROVENANCE_AGENT_TYPE, "assembler", "Assembler")))
                .setWho(device.copy());
        provenance.addEntity()
                .setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(document.copy());
        return provenance;
    }
}
