package io.annota.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Copies of a transaction bundle in which every entry is a new resource, so that storing a copy always creates:
 * a PUT to {@code Type/id} gets a fresh id (update-as-create), a conditional PUT becomes a POST, a POST loses its
 * {@code ifNoneExist} condition and gets a fresh {@code urn:uuid} full URL; references inside the bundle follow.
 * Thread-safe.
 */
public final class FreshTransactions {

    /** HAPI's limit for client-assigned ids. */
    private static final int MAX_ID_LENGTH = 64;

    private final FhirTerser terser;
    private final String runTag;
    private final AtomicLong counter = new AtomicLong();

    public FreshTransactions(FhirContext context) {
        this.terser = context.newTerser();
        // distinct per process, so two runs against one database never collide either
        this.runTag = Long.toString(System.currentTimeMillis(), 36) + Long.toString(System.nanoTime() & 0xffff, 36);
    }

    /** A fresh copy of {@code template} (which is left unchanged). */
    public Bundle copy(Bundle template) {
        Bundle bundle = template.copy();
        String suffix = "-" + runTag + Long.toString(counter.incrementAndGet(), 36);
        Map<String, String> renamed = new HashMap<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || !entry.hasRequest()) {
                continue;
            }
            String type = resource.fhirType();
            String url = entry.getRequest().getUrl();
            HTTPVerb method = entry.getRequest().getMethod();
            if (method == HTTPVerb.PUT && url != null && !url.contains("?") && url.startsWith(type + "/")) {
                String oldId = url.substring(type.length() + 1);
                String base = oldId.length() + suffix.length() > MAX_ID_LENGTH
                        ? oldId.substring(0, MAX_ID_LENGTH - suffix.length())
                        : oldId;
                String newId = base + suffix;
                renamed.put(type + "/" + oldId, type + "/" + newId);
                entry.getRequest().setUrl(type + "/" + newId);
                resource.setId(newId);
                if (entry.hasFullUrl()) {
                    String fullUrl = entry.getFullUrl();
                    String newFullUrl = fullUrl.endsWith(type + "/" + oldId)
                            ? fullUrl.substring(0, fullUrl.length() - oldId.length()) + newId
                            : fullUrl;
                    renamed.put(fullUrl, newFullUrl);
                    entry.setFullUrl(newFullUrl);
                }
            } else if (method == HTTPVerb.POST || method == HTTPVerb.PUT) {
                entry.getRequest().setMethod(HTTPVerb.POST);
                entry.getRequest().setUrl(type);
                entry.getRequest().setIfNoneExist(null);
                String newFullUrl = "urn:uuid:" + UUID.randomUUID();
                if (entry.hasFullUrl()) {
                    renamed.put(entry.getFullUrl(), newFullUrl);
                }
                if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
                    renamed.put(type + "/" + resource.getIdElement().getIdPart(), newFullUrl);
                }
                entry.setFullUrl(newFullUrl);
                resource.setId((String) null);
            }
        }
        if (!renamed.isEmpty()) {
            for (BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() == null) {
                    continue;
                }
                for (Reference reference : terser.getAllPopulatedChildElementsOfType(entry.getResource(),
                        Reference.class)) {
                    String target = reference.getReference();
                    String replacement = target == null ? null : renamed.get(target);
                    if (replacement != null) {
                        reference.setReference(replacement);
                    }
                }
            }
        }
        return bundle;
    }
}
