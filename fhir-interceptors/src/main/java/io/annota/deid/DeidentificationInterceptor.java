package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * De-identifies every resource before HAPI FHIR's JPA storage persists it: REST create/update, each entry of
 * a transaction or batch, and in-process DAO calls all pass the storage pointcuts below. What the hooks leave
 * in the resource is what is stored. Fails closed: if anything goes wrong while de-identifying, the write is
 * refused with HTTP 422 ({@link UnprocessableEntityException}) and nothing is stored.
 *
 * <p>A Patient's identifying values are fingerprinted (keyed hashes, see {@link Fingerprinter}) before they
 * are removed, and remembered in the {@link KnownIdentifierStore} under the Patient's logical id, so that
 * free text of the patient's later documents can be scrubbed of them.
 *
 * <p>Register it with {@code IInterceptorService.registerInterceptor(...)}. Its pre-storage hooks run at
 * order {@value #ORDER}, before interceptors of default order such as HAPI's binary storage interceptor
 * (which would otherwise move attachment data out of reach first).
 */
@Interceptor
public final class DeidentificationInterceptor {

    /** Hook order of the pre-storage hooks: lower runs earlier. */
    public static final int ORDER = -100_000;

    /** Resource user data: fingerprints of a Patient whose id was not yet assigned at pre-storage time. */
    static final String PENDING_FINGERPRINTS = DeidentificationInterceptor.class.getName() + ".fingerprints";
    /** Transaction user data: Patients of this transaction and their fingerprints, for documents of the same transaction. */
    static final String PENDING_PATIENTS = DeidentificationInterceptor.class.getName() + ".patients";

    /** Request user data: fingerprints of every Patient in the transaction Bundle of this request. */
    static final String BUNDLE_FINGERPRINTS = DeidentificationInterceptor.class.getName() + ".bundle";

    private static final Logger LOG = LoggerFactory.getLogger(DeidentificationInterceptor.class);

    private final FhirContext context;
    private final ResourceDeidentifier deidentifier;
    private final KnownIdentifierStore store;

    /** An interceptor for FHIR R4 (HAPI's cached R4 context). */
    public DeidentificationInterceptor(DeidentificationSettings settings, KnownIdentifierStore store) {
        this(FhirContext.forR4Cached(), settings, store);
    }

    /** @param context a FHIR R4 context (the server's own) */
    public DeidentificationInterceptor(FhirContext context, DeidentificationSettings settings, KnownIdentifierStore store) {
        this.context = Objects.requireNonNull(context, "context");
        this.deidentifier = new ResourceDeidentifier(context, Objects.requireNonNull(settings, "settings"));
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * {@link Pointcut#STORAGE_PRESTORAGE_RESOURCE_CREATED}: called immediately before a new resource is
     * persisted (create, update-as-create with a client-assigned id, transaction entries, DAO calls); changes
     * made to the resource are stored. The resource has an id here only if the client assigned it (or the
     * server uses UUID ids); otherwise HAPI assigns it afterwards.
     */
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = ORDER)
    public void deidentifyCreated(IBaseResource resource, RequestDetails request, TransactionDetails transactionDetails) {
        deidentify(resource, null, request, transactionDetails);
    }

    /**
     * {@link Pointcut#STORAGE_PRESTORAGE_RESOURCE_UPDATED}: called immediately before an update is persisted,
     * with the previous and the new contents (in that order); changes to the new contents are stored. The new
     * contents carry the resource id. The previous contents are left alone.
     */
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = ORDER)
    public void deidentifyUpdated(
            IBaseResource previous, IBaseResource updated, RequestDetails request, TransactionDetails transactionDetails) {
        deidentify(updated, previous, request, transactionDetails);
    }

    /**
     * {@link Pointcut#STORAGE_TRANSACTION_PROCESSING}: a transaction or batch Bundle is about to be processed,
     * nothing is stored yet. Its entries still refer to each other by {@code urn:uuid} when their pre-storage
     * hooks run, so a note cannot name its Patient then; the fingerprints of every Patient in the Bundle are
     * taken here, from the values as sent, and applied to the free text of every entry of the same request.
     */
    @Hook(value = Pointcut.STORAGE_TRANSACTION_PROCESSING, order = ORDER)
    public void fingerprintBundlePatients(IBaseBundle bundle, RequestDetails request) {
        if (request == null || !(bundle instanceof Bundle transaction)) {
            return;
        }
        try {
            Set<String> fingerprints = new HashSet<>();
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                if (entry.getResource() instanceof Patient patient) {
                    fingerprints.addAll(deidentifier.fingerprints(patient));
                }
            }
            if (!fingerprints.isEmpty()) {
                bundleFingerprints(request).addAll(fingerprints);
            }
        } catch (RuntimeException e) {
            throw refuse("Bundle", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> bundleFingerprints(RequestDetails request) {
        return (Set<String>) request.getUserData()
                .computeIfAbsent(BUNDLE_FINGERPRINTS, k -> ConcurrentHashMap.newKeySet());
    }

    /**
     * {@link Pointcut#STORAGE_PRECOMMIT_RESOURCE_CREATED}: called after a created resource was written and
     * before the database transaction commits (possibly deferred to the end of a FHIR transaction); the
     * server-assigned id is known here. Binds fingerprints stashed at pre-storage time to that id. Changes to
     * the resource here would not be stored; none are made.
     */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void bindCreated(IBaseResource resource) {
        bindPending(resource);
    }

    /**
     * {@link Pointcut#STORAGE_PRECOMMIT_RESOURCE_UPDATED}: called after an update was written and before the
     * transaction commits, with the previous and the new contents. Binds any still pending fingerprints.
     */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void bindUpdated(IBaseResource previous, IBaseResource updated) {
        bindPending(updated);
    }

    private void deidentify(
            IBaseResource resource, IBaseResource previous, RequestDetails request, TransactionDetails transactionDetails) {
        if (resource == null) {
            return;
        }
        String type = typeOf(resource);
        try {
            deidentifier.checkExternalizedData(resource, previous);
            Set<String> known = new HashSet<>();
            if (request != null && request.getUserData().containsKey(BUNDLE_FINGERPRINTS)) {
                known.addAll(bundleFingerprints(request));
            }
            for (String patientId : deidentifier.referencedPatientIds(resource)) {
                known.addAll(store.fingerprints(patientId));
                known.addAll(pendingFingerprints(transactionDetails, patientId));
            }
            Set<String> own = null;
            if (resource instanceof Patient) {
                own = deidentifier.fingerprints(resource);
                known.addAll(own);
            }
            ResourceDeidentifier.Outcome outcome = deidentifier.deidentify(resource, known);
            if (own != null) {
                remember(resource, own, transactionDetails);
            }
            LOG.debug("De-identified {}: changed={}, pseudonymised={}, removed={}, scrubbed={}, fingerprints={}",
                    type, outcome.changed(), outcome.pseudonymised(), outcome.removed(), outcome.scrubbed(),
                    known.size());
        } catch (RuntimeException e) {
            throw refuse(type, e);
        }
    }

    private void remember(IBaseResource patient, Set<String> fingerprints, TransactionDetails transactionDetails) {
        String id = patient.getIdElement().getIdPart();
        if (id != null && !id.isBlank()) {
            store.remember(id, fingerprints);
        } else {
            patient.setUserData(PENDING_FINGERPRINTS, Set.copyOf(fingerprints));
        }
        if (transactionDetails != null) {
            Map<IBaseResource, Set<String>> pending = transactionDetails.getOrCreateUserData(PENDING_PATIENTS,
                    () -> Collections.synchronizedMap(new IdentityHashMap<>()));
            pending.put(patient, Set.copyOf(fingerprints));
        }
    }

    /** Fingerprints of Patients written earlier in the same transaction whose id is now {@code patientId}. */
    private static Set<String> pendingFingerprints(TransactionDetails transactionDetails, String patientId) {
        if (transactionDetails == null) {
            return Set.of();
        }
        Map<IBaseResource, Set<String>> pending = transactionDetails.getUserData(PENDING_PATIENTS);
        if (pending == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        synchronized (pending) {
            for (Map.Entry<IBaseResource, Set<String>> entry : pending.entrySet()) {
                if (patientId.equals(entry.getKey().getIdElement().getIdPart())) {
                    out.addAll(entry.getValue());
                }
            }
        }
        return out;
    }

    private void bindPending(IBaseResource resource) {
        if (resource == null || resource.getUserData(PENDING_FINGERPRINTS) == null) {
            return;
        }
        String type = typeOf(resource);
        try {
            @SuppressWarnings("unchecked")
            Set<String> fingerprints = (Set<String>) resource.getUserData(PENDING_FINGERPRINTS);
            String id = resource.getIdElement().getIdPart();
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("no id at commit time");
            }
            store.remember(id, fingerprints);
            resource.setUserData(PENDING_FINGERPRINTS, null);
        } catch (RuntimeException e) {
            throw refuse(type, e);
        }
    }

    private String typeOf(IBaseResource resource) {
        try {
            return context.getResourceType(resource);
        } catch (RuntimeException e) {
            return resource.getClass().getSimpleName();
        }
    }

    /** A 422 naming the resource type and the reason class only: foreign exception messages may hold values. */
    private static UnprocessableEntityException refuse(String type, RuntimeException e) {
        String reason = e instanceof DeidentificationException d
                ? "DeidentificationException " + d.getMessage()
                : e.getClass().getSimpleName();
        StackTraceElement[] frames = e.getStackTrace();
        LOG.warn("Refused to store {}: de-identification failed ({}) at {}", type, e.getClass().getName(),
                frames.length > 0 ? frames[0] : "?");
        return new UnprocessableEntityException(
                "Refused to store " + type + ": de-identification failed (" + reason + "); nothing was stored");
    }
}
