package io.annota.server.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

class AnnotationDefinitionsTest {

    @Test
    void eachExtensionHasAnExtensionDefinitionWithItsSubExtensionsAndContexts() {
        List<StructureDefinition> definitions = AnnotationStructureDefinitions.all();

        assertThat(definitions).extracting(StructureDefinition::getUrl).containsExactly(
                AnnotationExtensions.EVIDENCE, AnnotationExtensions.ASSERTION, AnnotationExtensions.REVIEW_STATE);
        for (StructureDefinition definition : definitions) {
            assertThat(definition.getType()).isEqualTo("Extension");
            assertThat(definition.getBaseDefinition()).isEqualTo("http://hl7.org/fhir/StructureDefinition/Extension");
            assertThat(definition.getContext()).extracting(c -> c.getExpression())
                    .containsExactlyElementsOf(AnnotationExtensions.ANNOTATED_TYPES);
            assertThat(element(definition, "Extension.url").getFixed().primitiveValue()).isEqualTo(definition.getUrl());
        }
        StructureDefinition evidence = definitions.get(0);
        assertThat(element(evidence, "Extension.extension:source.value[x]").getTypeFirstRep().getCode())
                .isEqualTo("Reference");
        assertThat(element(evidence, "Extension.extension:begin.value[x]").getTypeFirstRep().getCode())
                .isEqualTo("integer");
        assertThat(element(evidence, "Extension.value[x]").getMax()).isEqualTo("0");
        assertThat(element(definitions.get(1), "Extension.extension:negated.value[x]").getTypeFirstRep().getCode())
                .isEqualTo("boolean");
        assertThat(element(definitions.get(2), "Extension.value[x]").getTypeFirstRep().getCode()).isEqualTo("code");
        // parses back: what the server stores is valid R4 JSON
        FhirContext context = FhirContext.forR4Cached();
        String json = context.newJsonParser().encodeResourceToString(evidence);
        assertThat(context.newJsonParser().parseResource(StructureDefinition.class, json).getDifferential().getElement())
                .hasSameSizeAs(evidence.getDifferential().getElement());
    }

    @Test
    void searchParametersCoverEveryAnnotationTypeAndReadTheExtensions() {
        List<SearchParameter> parameters = AnnotationSearchParameters.all();

        assertThat(parameters).extracting(SearchParameter::getCode).containsExactly("annotation-source",
                "annotation-negated", "annotation-uncertain", "annotation-history-of", "annotation-conditional",
                "annotation-generic", "annotation-subject", "annotation-group", "review-state");
        for (SearchParameter parameter : parameters) {
            assertThat(parameter.getBase()).extracting(b -> b.getValue())
                    .containsExactlyElementsOf(AnnotationExtensions.ANNOTATED_TYPES);
            assertThat(parameter.getExpression().split(" \\| ")).hasSize(AnnotationExtensions.ANNOTATED_TYPES.size());
        }
        assertThat(parameters.get(0).getExpression()).startsWith("Condition.extension('" + AnnotationExtensions.EVIDENCE
                + "').extension('source').value");
        assertThat(parameters.get(0).getTarget()).extracting(t -> t.getValue())
                .containsExactlyElementsOf(AnnotationExtensions.SOURCE_TYPES);
    }

    private static ElementDefinition element(StructureDefinition definition, String id) {
        return definition.getDifferential().getElement().stream().filter(e -> id.equals(e.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no element " + id));
    }
}
