package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FhirBundleTest {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    /** Bundles run through the validator (about 0.3-1 s each after a first one of 5-10 s). */
    private static final int VALIDATED = 8;
    private static List<GeneratedBundle> bundles;

    @BeforeAll
    static void generate() {
        bundles = new SyntheticFeed(314).fhirBundles(12);
    }

    @Test
    void everyBundleValidatesWithoutErrors() {
        // offline: core profiles and value sets from hapi-fhir-validation-resources-r4, no terminology server
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CONTEXT),
                new InMemoryTerminologyServerValidationSupport(CONTEXT),
                new CommonCodeSystemsTerminologyService(CONTEXT));
        FhirValidator validator = CONTEXT.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        for (GeneratedBundle bundle : bundles.subList(0, VALIDATED)) {
            ValidationResult result = validator.validateWithResult(bundle.json());
            List<String> errors = new ArrayList<>();
            for (SingleValidationMessage message : result.getMessages()) {
                if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.add(message.getLocationString() + ": " + message.getMessage());
                }
            }
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void bundlesAreTransactionsOfPostsWithUuidReferences() {
        for (GeneratedBundle generated : bundles) {
            Bundle bundle = CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(Bundle.class, generated.json());
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            Set<String> fullUrls = new HashSet<>();
            Set<String> types = new HashSet<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                assertThat(entry.getFullUrl()).startsWith("urn:uuid:");
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                fullUrls.add(entry.getFullUrl());
                types.add(entry.getResource().fhirType());
            }
            assertThat(types).contains("Patient", "Encounter", "Condition", "Observation", "MedicationRequest",
                    "DocumentReference", "DiagnosticReport");
            assertThat(bundle.getEntryFirstRep().getRequest().getIfNoneExist()).startsWith("identifier=");
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                for (Reference reference : CONTEXT.newTerser().getAllPopulatedChildElementsOfType(
                        entry.getResource(), Reference.class)) {
                    if (reference.getReference() != null) {
                        assertThat(fullUrls).contains(reference.getReference());
                    }
                }
            }
            assertThat(bundle.getEntry()).anyMatch(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Observation o
                    && o.hasValueStringType());
        }
    }

    @Test
    void goldIsFoundAtItsFhirPath() {
        IFhirPath fhirPath = CONTEXT.newFhirPath();
        Set<PhiType> types = new HashSet<>();
        int inText = 0;
        for (GeneratedBundle generated : bundles) {
            Bundle bundle = CONTEXT.newJsonParser().parseResource(Bundle.class, generated.json());
            for (PhiSpan span : generated.phi()) {
                types.add(span.type());
                List<String> found = new ArrayList<>();
                if (span.path().startsWith("Bundle.")) {
                    found.addAll(texts(fhirPath.evaluate(bundle, span.path(), IBase.class)));
                } else {
                    String resourceType = span.path().substring(0, span.path().indexOf('.'));
                    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                        Resource resource = entry.getResource();
                        if (resource.fhirType().equals(resourceType)) {
                            found.addAll(texts(fhirPath.evaluate(resource, span.path(), IBase.class)));
                        }
                    }
                }
                assertThat(found).as("%s", span).isNotEmpty();
                // a path names one value: resources of one type agree on it
                assertThat(new HashSet<>(found)).as("%s", span).hasSize(1);
                String value = found.get(0);
                if (span.inText()) {
                    inText++;
                    assertThat(value.substring(span.begin(), span.end())).as("%s", span).isEqualTo(span.value());
                } else {
                    assertThat(value).as("%s", span).isEqualTo(span.value());
                }
            }
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(NursingNoteTest.NOT_NURSING_ONLY);
        assertThat(inText).isGreaterThan(bundles.size() * 20);
    }

    /** Primitive values as strings; attachments as their decoded text. */
    private static List<String> texts(List<IBase> values) {
        List<String> out = new ArrayList<>();
        for (IBase value : values) {
            if (value instanceof Attachment attachment) {
                assertThat(attachment.getContentType()).isEqualTo("text/plain; charset=utf-8");
                out.add(new String(attachment.getData(), StandardCharsets.UTF_8));
            } else if (value instanceof IPrimitiveType<?> primitive) {
                out.add(primitive.getValueAsString());
            }
        }
        return out;
    }
}
