package io.annota.server.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.annota.server.nlp.AnnotatableTexts;
import io.annota.server.nlp.AnnotationExtensions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored sources an export query selects and their export records. Only ids are selected up front; each
 * source's records are built when asked for, so an export holds one source's annotations at a time. One instance
 * per export: it remembers the patients' quasi-identifiers it has read.
 */
final class AnnotatedSources {

    private static final Logger log = LoggerFactory.getLogger(AnnotatedSources.class);

    /** A patient's stored facts that are quasi-identifiers (all already generalised by de-identification). */
    private record PatientFacts(Year birthYear, String gender, String postalCode) {
        static final PatientFacts UNKNOWN = new PatientFacts(null, null, null);
    }

    private final FhirContext context;
    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;
    private final Map<String, PatientFacts> patients = new HashMap<>();

    AnnotatedSources(FhirContext context, DaoRegistry daos, MatchUrlService matchUrls) {
        this.context = context;
        this.daos = daos;
        this.matchUrls = matchUrls;
    }

    /** The versionless ids of the sources the query selects, by type, then in the database's order. */
    List<String> select(ExportQuery query) {
        List<String> ids = new ArrayList<>();
        for (String type : AnnotationExtensions.SOURCE_TYPES) {
            List<String> explicit = query.documents().stream()
                    .filter(d -> d.startsWith(type + "/"))
                    .map(d -> new IdType(d).getIdPart())
                    .toList();
            if (!query.documents().isEmpty() && explicit.isEmpty()) {
                continue;
            }
            List<String> criteria = new ArrayList<>();
            if (!explicit.isEmpty()) {
                criteria.add("_id=" + encode(String.join(",", explicit)));
            }
            if (query.patient() != null) {
                criteria.add("patient=" + encode(query.patient()));
            }
            query.dates().forEach(date -> criteria.add("date=" + encode(date)));
            SearchParameterMap map = matchUrls.translateMatchUrl(type + "?" + String.join("&", criteria),
                    context.getResourceDefinition(type));
            map.setLoadSynchronous(true);
            IFhirResourceDao<?> dao = daos.getResourceDao(type);
            dao.searchForResourceIds(map, new SystemRequestDetails())
                    .forEach(id -> ids.add(id.toUnqualifiedVersionless().getValue()));
        }
        return ids;
    }

    /**
     * The records of one source: one per source version and text its selected annotations cite. None for a source
     * that is itself an annotation, has no annotation in the query's states, or (with fully-reviewed) still has an
     * open one.
     */
    List<ExportRecord> records(String sourceId, ExportQuery query) {
        List<DomainResource> annotations = annotationsOf(sourceId);
        if (query.fullyReviewed() && annotations.stream()
                .anyMatch(a -> ExportQuery.OPEN_STATES.contains(AnnotationReader.reviewState(a)))) {
            return List.of();
        }
        Map<String, List<DomainResource>> byText = new LinkedHashMap<>();
        annotations.stream()
                .filter(a -> query.reviewStates().contains(AnnotationReader.reviewState(a)))
                .forEach(a -> byText.computeIfAbsent(AnnotationReader.source(a) + "#" + AnnotationReader.path(a),
                        k -> new ArrayList<>()).add(a));
        List<ExportRecord> records = new ArrayList<>();
        byText.forEach((key, cited) -> record(cited).ifPresent(records::add));
        records.sort(Comparator.comparing(ExportRecord::recordId));
        return records;
    }

    /** Every annotation citing any version of the source (a versionless reference matches all versions). */
    private List<DomainResource> annotationsOf(String sourceId) {
        List<DomainResource> annotations = new ArrayList<>();
        for (String type : AnnotationExtensions.ANNOTATED_TYPES) {
            SearchParameterMap map = SearchParameterMap.newSynchronous("annotation-source", new ReferenceParam(sourceId));
            daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources().stream()
                    .map(DomainResource.class::cast)
                    .filter(AnnotationReader::isAnnotation)
                    .forEach(annotations::add);
        }
        return annotations;
    }

    /** The record of annotations citing one text of one source version; empty if that text cannot be read. */
    private Optional<ExportRecord> record(List<DomainResource> cited) {
        IdType version = new IdType(AnnotationReader.source(cited.get(0)));
        String path = AnnotationReader.path(cited.get(0));
        IBaseResource source;
        try {
            source = daos.getResourceDao(version.getResourceType()).read(version, new SystemRequestDetails());
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            log.warn("Export: {} annotations cite {}, which cannot be read; left out", cited.size(), version.getValue());
            return Optional.empty();
        }
        AnnotatableTexts texts = AnnotatableTexts.of(source);
        Optional<String> text = texts.texts().stream()
                .filter(t -> t.elementPath().equals(path))
                .map(AnnotatableTexts.Text::content)
                .findFirst();
        if (text.isEmpty()) {
            log.warn("Export: {} annotations cite a text of {} that it does not have; left out", cited.size(),
                    version.getValue());
            return Optional.empty();
        }
        List<ExportRecord.ExportAnnotation> annotations = cited.stream()
                .map(AnnotationReader::read)
                .filter(a -> a.begin() >= 0 && a.end() <= text.get().length() && a.begin() < a.end())
                .sorted(Comparator.comparingInt(ExportRecord.ExportAnnotation::begin)
                        .thenComparingInt(ExportRecord.ExportAnnotation::end)
                        .thenComparing(ExportRecord.ExportAnnotation::id))
                .toList();
        String patient = texts.subject() == null ? null : new IdType(texts.subject().getReference()).getIdPart();
        return Optional.of(new ExportRecord(version.getResourceType(), version.getIdPart(), version.getVersionIdPart(),
                path, patient, quasiIdentifiers(texts, source), text.get(), annotations));
    }

    private QuasiIdentifiers quasiIdentifiers(AnnotatableTexts texts, IBaseResource source) {
        PatientFacts patient = texts.subject() == null ? PatientFacts.UNKNOWN
                : patients.computeIfAbsent(texts.subject().getReference(), this::patientFacts);
        return QuasiIdentifiers.of(patient.birthYear(), patient.gender(), patient.postalCode(), date(source));
    }

    private PatientFacts patientFacts(String reference) {
        try {
            Patient patient = (Patient) daos.getResourceDao(Patient.class)
                    .read(new IdType(reference).toUnqualifiedVersionless(), new SystemRequestDetails());
            return new PatientFacts(
                    patient.hasBirthDate() ? Year.of(patient.getBirthDateElement().getYear()) : null,
                    patient.hasGender() ? patient.getGender().toCode() : null,
                    patient.getAddress().stream().filter(Address::hasPostalCode).map(Address::getPostalCode)
                            .findFirst().orElse(null));
        } catch (ResourceGoneException | ResourceNotFoundException | ClassCastException e) {
            return PatientFacts.UNKNOWN;
        }
    }

    /** The (shifted) clinical date of the source: when it was written or what it reports was observed. */
    static LocalDate date(IBaseResource source) {
        Date date = null;
        if (source instanceof DocumentReference document) {
            date = document.getDate();
        } else if (source instanceof DiagnosticReport report) {
            date = Optional.ofNullable(effective(report.getEffective())).orElse(report.getIssued());
        } else if (source instanceof Observation observation) {
            date = Optional.ofNullable(effective(observation.getEffective())).orElse(observation.getIssued());
        }
        return date == null ? null : date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Date effective(Type effective) {
        if (effective instanceof Period period) {
            return period.getStart();
        }
        return effective != null && effective.isDateTime() ? effective.dateTimeValue().getValue() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
