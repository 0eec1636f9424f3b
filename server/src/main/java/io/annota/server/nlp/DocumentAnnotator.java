package io.annota.server.nlp;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import io.annota.nlp.ClinicalNlp;
import io.annota.nlp.ConceptMention;
import io.annota.server.fhir.ResourceLocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annotates one stored (already de-identified) text-bearing resource, a "document" in the broad sense (see
 * {@link AnnotatableTexts}): runs each of its texts through the NLP and writes, in a single transaction, the
 * mentions, the pipeline Device and one Provenance for the resource version. A version that already has a
 * Provenance is skipped, so running twice never duplicates annotations; a new version's run replaces the
 * annotations of earlier versions that no person has decided yet ({@link EarlierAnnotations}).
 */
public class DocumentAnnotator {

    private static final Logger log = LoggerFactory.getLogger(DocumentAnnotator.class);
    private static final ResourceLocks RUN_LOCKS = new ResourceLocks(64);

    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, Meta> system;
    private final EarlierAnnotations earlier;

    public DocumentAnnotator(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> system) {
        this.daos = daos;
        this.system = system;
        this.earlier = new EarlierAnnotations(daos);
    }

    /**
     * Annotates the current version of {@code resourceId} ({@code Type/id}) unless it already is; nothing happens
     * for a deleted resource.
     */
    public void annotate(String resourceId, ClinicalNlp nlp) {
        // the queue's workers and $annotate store=true may meet on one resource: one run at a time per resource
        RUN_LOCKS.with(resourceId, () -> {
            annotateNow(resourceId, nlp);
            return null;
        });
    }

    private void annotateNow(String resourceId, ClinicalNlp nlp) {
        IBaseResource stored;
        try {
            stored = read(resourceId);
        } catch (ResourceGoneException e) {
            log.debug("{} is deleted, nothing to annotate", resourceId);
            return;
        }
        Reference versioned = new Reference(stored.getIdElement().toUnqualified().getValue());
        Map<Boolean, List<Provenance>> runs = runsOf(stored.getIdElement());
        if (!runs.get(true).isEmpty()) {
            log.debug("{} already annotated", versioned.getReference());
            return;
        }
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Device device = AnnotationResources.device(nlp.info());
        String deviceRef = "Device/" + device.getIdElement().getIdPart();
        transaction.addEntry().setResource(device).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(deviceRef);
        List<Reference> targets = preview(stored, nlp).stream().map(r -> addCreate(transaction, r)).toList();
        addCreate(transaction, AnnotationResources.provenance(targets, versioned, new Reference(deviceRef)));
        int replaced = earlier.replace(runs.get(false), stored.getIdElement(), transaction);
        system.transaction(new SystemRequestDetails(), transaction);
        log.info("Annotated {}: {} resource(s), {} earlier unconfirmed one(s) replaced", versioned.getReference(),
                targets.size(), replaced);
    }

    /**
     * The annotation resources the NLP makes of {@code stored} (one per represented mention, citing the stored
     * version as evidence), without storing anything. {@code stored} must carry its versioned id.
     */
    public List<Resource> preview(IBaseResource stored, ClinicalNlp nlp) {
        AnnotatableTexts texts = AnnotatableTexts.of(stored);
        Reference versioned = new Reference(stored.getIdElement().toUnqualified().getValue());
        List<Resource> resources = new ArrayList<>();
        for (AnnotatableTexts.Text text : texts.texts()) {
            AnnotationResources.Source source =
                    new AnnotationResources.Source(versioned, text.elementPath(), texts.subject(), texts.encounter());
            for (ConceptMention mention : nlp.annotate(text.content())) {
                resources.add(AnnotationResources.toResource(mention, source));
            }
        }
        return resources;
    }

    /** The current version of {@code resourceId} ({@code Type/id}); throws if it is deleted or unknown. */
    public IBaseResource read(String resourceId) {
        IdType id = new IdType(resourceId);
        return daos.getResourceDao(id.getResourceType()).read(id.toVersionless(), new SystemRequestDetails());
    }

    /** The Provenance of the annotation run of this version of the resource, if it ran. */
    public Optional<Provenance> provenanceOf(IBaseResource stored) {
        return runsOf(stored.getIdElement()).get(true).stream().findFirst();
    }

    /** The Provenances of earlier runs on the resource, split by whether they cite this very version (true). */
    private Map<Boolean, List<Provenance>> runsOf(IIdType resource) {
        String versionless = resource.toUnqualifiedVersionless().getValue();
        String version = resource.getVersionIdPart();
        SearchParameterMap query = SearchParameterMap.newSynchronous("entity", new ReferenceParam(versionless));
        return daos.getResourceDao(Provenance.class).search(query, new SystemRequestDetails()).getAllResources()
                .stream()
                .map(Provenance.class::cast)
                .collect(Collectors.partitioningBy(p -> p.getEntity().stream()
                        .map(e -> new IdType(e.getWhat().getReference()))
                        .anyMatch(id -> versionless.equals(id.toUnqualifiedVersionless().getValue())
                                && (version == null || version.equals(id.getVersionIdPart())))));
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
