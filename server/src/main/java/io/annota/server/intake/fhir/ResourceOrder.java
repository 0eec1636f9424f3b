package io.annota.server.intake.fhir;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The order the files of a bulk export are imported in, so that the resources a line refers to are stored
 * before it: JPA storage refuses a reference to a resource that does not exist (also a conditional one,
 * {@code Practitioner?identifier=...}). Types are ranked in tiers from the FHIR R4 reference graph: organisations
 * and places, then people, then encounters, then what happens in them, then what summarises or bills it, then
 * provenance. Types not listed go between the clinical tier and the billing tier. Files of one rank are taken
 * by name.
 */
public final class ResourceOrder {

    private static final List<Set<String>> TIERS = List.of(
            Set.of("Organization"),
            Set.of("Location", "Endpoint", "HealthcareService"),
            Set.of("Practitioner", "Medication", "Substance"),
            Set.of("Patient", "PractitionerRole"),
            Set.of("RelatedPerson", "Device", "Group", "Coverage", "EpisodeOfCare", "Account"),
            Set.of("Encounter"),
            Set.of("Condition", "AllergyIntolerance", "CareTeam", "Observation", "Specimen", "Goal",
                    "ServiceRequest"),
            // the default tier: MedicationRequest, Procedure, Immunization, DocumentReference, ...
            Set.of(),
            Set.of("DiagnosticReport", "CarePlan", "ImagingStudy", "MedicationAdministration",
                    "MedicationDispense", "MedicationStatement", "Composition"),
            Set.of("Claim"),
            Set.of("ExplanationOfBenefit", "ClaimResponse"),
            Set.of("Provenance", "AuditEvent"));

    private static final int DEFAULT_TIER = 7;

    private static final Map<String, Integer> RANKS = IntStream.range(0, TIERS.size()).boxed()
            .flatMap(tier -> TIERS.get(tier).stream().map(type -> Map.entry(type, tier)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private ResourceOrder() {
    }

    /** The tier of {@code resourceType}: lower tiers are imported first; {@code null} (unknown) goes last. */
    public static int rank(String resourceType) {
        return resourceType == null ? TIERS.size() : RANKS.getOrDefault(resourceType, DEFAULT_TIER);
    }

    /** Orders items by the tier of their resource type, then by name. */
    public static <T> Comparator<T> comparing(Function<T, String> resourceType, Function<T, String> name) {
        return Comparator.<T>comparingInt(item -> rank(resourceType.apply(item))).thenComparing(name);
    }
}
