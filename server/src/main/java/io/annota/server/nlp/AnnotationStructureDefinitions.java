package io.annota.server.nlp;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;

/**
 * The R4 StructureDefinitions (differentials) of the annotation extensions, so that clients and validators can
 * resolve the canonical URLs the annotations carry. Ids are fixed: the server writes them at every start-up and an
 * unchanged definition is not stored again.
 */
final class AnnotationStructureDefinitions {

    private static final String EXTENSION = "http://hl7.org/fhir/StructureDefinition/Extension";

    /** A sub-extension of a complex extension: its name, value type(s) and whether it is always present. */
    private record Part(String name, boolean required, String definition, String... types) {
    }

    private AnnotationStructureDefinitions() {
    }

    static List<StructureDefinition> all() {
        List<Part> evidence = List.of(
                new Part(AnnotationExtensions.SOURCE, true, "The resource version the text was read from.", "Reference"),
                new Part(AnnotationExtensions.PATH, true, "FHIRPath of the element holding the text.", "string"),
                new Part(AnnotationExtensions.BEGIN, true, "Offset of the first character (0-based).", "integer"),
                new Part(AnnotationExtensions.END, true, "Offset after the last character.", "integer"),
                new Part(AnnotationExtensions.TEXT, true, "The covered (de-identified) text.", "string"),
                new Part(AnnotationExtensions.GROUP, false, "The semantic group the concept was found as: "
                        + String.join(", ", AnnotationGroups.CODES) + ".", "code"));
        List<Part> assertion = new ArrayList<>();
        AnnotationExtensions.FLAGS.forEach(flag -> assertion.add(
                new Part(flag, true, "Whether the NLP found the mention " + flag + ".", "boolean")));
        assertion.add(new Part(AnnotationExtensions.SUBJECT, false,
                "Who experiences the concept: patient, family_member, ...", "code"));
        return List.of(
                complex("nlp-evidence", AnnotationExtensions.EVIDENCE, "NLP evidence",
                        "Where the NLP found the concept: source resource, element, offsets and covered text.", evidence),
                complex("nlp-assertion", AnnotationExtensions.ASSERTION, "NLP assertion",
                        "The NLP's assertion attributes of the mention; negated and family mentions are kept.",
                        assertion),
                reviewState());
    }

    private static StructureDefinition complex(
            String id, String url, String title, String description, List<Part> parts) {
        StructureDefinition definition = header(id, url, title, description);
        List<ElementDefinition> elements = definition.getDifferential().getElement();
        elements.add(element("Extension", 0, "1").setShort(title).setDefinition(description));
        ElementDefinition slices = element("Extension.extension", parts.stream().anyMatch(Part::required) ? 1 : 0, "*");
        slices.getSlicing().setRules(ElementDefinition.SlicingRules.OPEN)
                .addDiscriminator().setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url");
        elements.add(slices);
        for (Part part : parts) {
            String slice = "Extension.extension:" + part.name();
            elements.add(element(slice, "Extension.extension", part.required() ? 1 : 0, "1")
                    .setSliceName(part.name()).setShort(part.definition()).setDefinition(part.definition()));
            elements.add(element(slice + ".url", "Extension.extension.url", 1, "1").setFixed(new UriType(part.name())));
            ElementDefinition value = element(slice + ".value[x]", "Extension.extension.value[x]", 1, "1");
            for (String type : part.types()) {
                ElementDefinition.TypeRefComponent ref = value.addType().setCode(type);
                if (type.equals("Reference")) {
                    AnnotationExtensions.SOURCE_TYPES.forEach(t -> ref.addTargetProfile(
                            "http://hl7.org/fhir/StructureDefinition/" + t));
                }
            }
            elements.add(value);
        }
        elements.add(element("Extension.url", 1, "1").setFixed(new UriType(url)));
        elements.add(element("Extension.value[x]", 0, "0"));
        return definition;
    }

    private static StructureDefinition reviewState() {
        String description = "Review state of a machine-made annotation: unconfirmed until a person decides "
                + "(accepted, rejected, corrected, or disputed between reviewers); added for a reviewer's own mention.";
        StructureDefinition definition = header("review-state", AnnotationExtensions.REVIEW_STATE, "Review state",
                description);
        List<ElementDefinition> elements = definition.getDifferential().getElement();
        elements.add(element("Extension", 1, "1").setShort("Review state").setDefinition(description));
        elements.add(element("Extension.extension", 0, "0"));
        elements.add(element("Extension.url", 1, "1").setFixed(new UriType(AnnotationExtensions.REVIEW_STATE)));
        ElementDefinition value = element("Extension.value[x]", 1, "1");
        value.addType().setCode("code");
        elements.add(value);
        return definition;
    }

    private static StructureDefinition header(String id, String url, String title, String description) {
        StructureDefinition definition = new StructureDefinition();
        definition.setId(id);
        definition.setUrl(url);
        definition.setName(title.replace(" ", ""));
        definition.setTitle(title);
        definition.setStatus(Enumerations.PublicationStatus.ACTIVE);
        definition.setDescription(description);
        definition.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        definition.setKind(StructureDefinition.StructureDefinitionKind.COMPLEXTYPE);
        definition.setAbstract(false);
        definition.setType("Extension");
        definition.setBaseDefinition(EXTENSION);
        definition.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        AnnotationExtensions.ANNOTATED_TYPES.forEach(type -> definition.addContext()
                .setType(StructureDefinition.ExtensionContextType.ELEMENT).setExpression(type));
        return definition;
    }

    private static ElementDefinition element(String path, int min, String max) {
        return element(path, path, min, max);
    }

    private static ElementDefinition element(String id, String path, int min, String max) {
        ElementDefinition element = new ElementDefinition().setPath(path).setMin(min).setMax(max);
        element.setId(id);
        return element;
    }
}
