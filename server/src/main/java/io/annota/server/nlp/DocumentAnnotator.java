package io.annota.server.nlp;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import io.annota.nlp.ClinicalNlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annotates one stored (already de-identified) DocumentReference: runs every text/* attachment through the NLP
 * and writes the mentions, the pipeline Device and one Provenance in a single transaction. A document version
 * that already has a Provenance is skipped, so running twice never duplicates annotations.
 */
public class DocumentAnnotator {

    private static final Logger log = LoggerFactory.getLogger(DocumentAnnotator.class);

    private final IFhirResourceDao<DocumentReference> documents;
    private final IFhirResourceDao<Provenance> provenances;
    private final IFhirSystemDao<Bundle, Meta> system;

    public DocumentAnnotator(
            IFhirResourceDao<DocumentReference> documents,
            IFhirResourceDao<Provenance> provenances,
            IFhirSystemDao<Bundle, Meta> system) {
        this.documents = documents;
        this.provenances = provenances;
        this.system = system;
    }

    /** Annotates the current version of {@code documentId} ({@code DocumentReference/<id>}). */
    public void annotate(String documentId, ClinicalNlp nlp) {
        DocumentReference document = documents.read(new IdType(documentId), new SystemRequestDetails());
        Reference versioned = new Reference(document.getIdElement().toUnqualified().getValue());
        if (alreadyAnnotated(document)) {
            log.debug("{} already annotated", versioned.getReference());
            return;
        }
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Device device = AnnotationResources.device(nlp.info());
        String deviceRef = "Device/" + device.getIdElement().getIdPart();
        transaction.addEntry().setResource(device).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(deviceRef);

        List<Reference> targets = new ArrayList<>();
        for (DomainResource resource : DocumentMentions.of(document, nlp)) {
            targets.add(addCreate(transaction, resource));
        }
        Provenance provenance = AnnotationResources.provenance(targets, versioned, new Reference(deviceRef));
        addCreate(transaction, provenance);
        system.transaction(new SystemRequestDetails(), transaction);
        log.info("Annotated {}: {} resource(s)", versioned.getReference(), targets.size());
    }

    /** Whether this version of the document has its Provenance, i.e. its annotations are stored. */
    boolean alreadyAnnotated(DocumentReference document) {
        return provenanceOf(document).isPresent();
    }

    /** The Provenance of the annotation run of this version of the document, if it ran. */
    Optional<Provenance> provenanceOf(DocumentReference document) {
        String versionless = document.getIdElement().toUnqualifiedVersionless().getValue();
        String version = document.getIdElement().getVersionIdPart();
        SearchParameterMap query = SearchParameterMap.newSynchronous("entity", new ReferenceParam(versionless));
        IBundleProvider found = provenances.search(query, new SystemRequestDetails());
        return found.getAllResources().stream()
                .map(Provenance.class::cast)
                .filter(p -> p.getEntity().stream()
                        .map(e -> new IdType(e.getWhat().getReference()))
                        .anyMatch(id -> versionless.equals(id.toUnqualifiedVersionless().getValue())
                                && (version == null || version.equals(id.getVersionIdPart()))))
                .findFirst();
    }

    private static Reference addCreate(Bundle transaction, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        transaction.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType());
        return new Reference(fullUrl);
    }
}
