package io.annota.server.quality;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.server.nlp.AnnotationExtensions;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $annotation-quality}: precision, recall and F1 of the machine's annotations against the reviewed ones, and
 * agreement between reviewers (see docs/quality.md). At server level over the documents named by {@code document},
 * the annotations of a {@code patient}, or everything; on a source instance over that document. Read-only, so GET
 * works as well as POST.
 */
public class QualityOperationProvider {

    static final String QUALITY = "$annotation-quality";
    private static final Logger LOG = LoggerFactory.getLogger(QualityOperationProvider.class);

    private final DaoRegistry daos;
    private final ReviewedAnnotations annotations;

    public QualityOperationProvider(DaoRegistry daos) {
        this.daos = daos;
        this.annotations = new ReviewedAnnotations(daos);
    }

    @Operation(name = QUALITY, idempotent = true)
    public Parameters quality(
            @OperationParam(name = "document", max = OperationParam.MAX_UNLIMITED) List<StringType> documents,
            @OperationParam(name = "patient", max = 1) StringType patient) {
        List<String> sources = documents == null ? List.of() : documents.stream().map(StringType::getValue).map(this::source).toList();
        Optional<String> patientId = Optional.ofNullable(patient).map(StringType::getValue).map(this::patient);
        if (!sources.isEmpty() && patientId.isPresent()) {
            throw new InvalidRequestException("give documents or a patient, not both");
        }
        return report(new ReviewedAnnotations.Selection(sources, patientId));
    }

    @Operation(name = QUALITY, type = DocumentReference.class, idempotent = true)
    public Parameters ofDocument(@IdParam IdType id) {
        return ofSource("DocumentReference", id);
    }

    @Operation(name = QUALITY, type = DiagnosticReport.class, idempotent = true)
    public Parameters ofReport(@IdParam IdType id) {
        return ofSource("DiagnosticReport", id);
    }

    @Operation(name = QUALITY, type = Observation.class, idempotent = true)
    public Parameters ofObservation(@IdParam IdType id) {
        return ofSource("Observation", id);
    }

    private Parameters ofSource(String type, IdType id) {
        return report(new ReviewedAnnotations.Selection(List.of(source(type + "/" + id.getIdPart())),
                Optional.empty()));
    }

    private Parameters report(ReviewedAnnotations.Selection selection) {
        QualityReport report = QualityReport.of(annotations.read(selection));
        LOG.info("Annotation quality over {} documents ({} unfinished): {} gold, {} machine annotations",
                report.documents(), report.documentsUnfinished(), report.gold(), report.machine());
        return QualityParameters.of(report);
    }

    /** A source document reference, versionless; 404 if it does not exist, 400 if it is not a source type. */
    private String source(String reference) {
        IdType id = new IdType(reference == null ? "" : reference.trim());
        if (!id.hasIdPart() || !AnnotationExtensions.SOURCE_TYPES.contains(id.getResourceType())) {
            throw new InvalidRequestException("document must be a reference to one of "
                    + String.join(", ", AnnotationExtensions.SOURCE_TYPES) + ", e.g. DocumentReference/12");
        }
        return exists(id);
    }

    private String patient(String reference) {
        IdType id = new IdType(reference.trim());
        if (!id.hasIdPart() || !"Patient".equals(id.getResourceType())) {
            throw new InvalidRequestException("patient must be a Patient reference, e.g. Patient/123");
        }
        return exists(id);
    }

    private String exists(IdType id) {
        IdType versionless = id.toUnqualifiedVersionless();
        daos.getResourceDao(versionless.getResourceType()).read(versionless, new SystemRequestDetails());
        return versionless.getValue();
    }
}
