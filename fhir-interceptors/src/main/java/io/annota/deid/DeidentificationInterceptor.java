package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
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
    /** Request user data: date-shift seeds of the Patients in the transaction Bundle, by their full URL. */
    static final String BUNDLE_SEEDS = DeidentificationInterceptor.class.getName() + ".bundleSeeds";
    /** Resource user data: the date-shift seed of a Patient whose id was not yet assigned at pre-storage time. */
    static final String PENDING_SEED = DeidentificationInterceptor.class.getName() + ".seed";

    /**
     * Request user data: set to {@code Boolean.TRUE} by server code that writes its own conformance resources
     * (StructureDefinition, SearchParameter) in-process. Such resources hold no patient data, but their
     * canonical URLs and FHIRPath expressions look like free-text URLs to the scrubber and would be broken.
     * User data is filled only by code inside the server, so a REST client cannot set it.
     */
    public static final String SERVER_CONFORMANCE = DeidentificationInterceptor.class.getName() + ".serverConformance";
    private static final Set<String> CONFORMANCE_TYPES = Set.of("StructureDefinition", "SearchParameter");

    /**
     * Request user data: set to {@code Boolean.TRUE} by server code that has checked that a Binary being written is
     * the output of a server-run bulk export job. That output is serialised from stored (already de-identified)
     * resources; the scrubber would refuse it (NDJSON is not {@code text/*}) or shift its dates a second time.
     * Honoured for Binary only; as with {@link #SERVER_CONFORMANCE}, a REST client cannot set user data.
     */
    public static final String SERVER_EXPORT_OUTPUT = DeidentificationInterceptor.class.getName() + ".serverExportOutput";

    /** A Patient written earlier in the same transaction. */
    private record PendingPatient(Set<String> fingerprints, String seed) {
    }

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

    /** The scrubber of free text this interceptor applies (to count what it replaces: {@link TextScrubber#onReplaced}). */
    public TextScrubber textScrubber() {
        return deidentifier.textScrubber();
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
                    if (entry.hasFullUrl()) {
                        bundleSeeds(request).put(entry.getFullUrl(), patientSeed(patient));
                    }
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
    private static Map<String, String> bundleSeeds(RequestDetails request) {
        return (Map<String, String>) request.getUserData().computeIfAbsent(BUNDLE_SEEDS, k -> new ConcurrentHashMap<>());
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

    private boolean isServerWrite(IBaseResource resource, RequestDetails request) {
        if (request == null) {
            return false;
        }
        String type = typeOf(resource);
        return Boolean.TRUE.equals(request.getUserData().get(SERVER_CONFORMANCE)) && CONFORMANCE_TYPES.contains(type)
                || Boolean.TRUE.equals(request.getUserData().get(SERVER_EXPORT_OUTPUT)) && "Binary".equals(type);
    }

    private void deidentify(
            IBaseResource resource, IBaseResource previous, RequestDetails request, TransactionDetails transactionDetails) {
        if (resource == null || isServerWrite(resource, request)) {
            return;
        }
        String type = typeOf(resource);
        try {
            String id = resource.getIdElement().getIdPart();
            if (id != null && !id.equals(deidentifier.pseudonymousId(resource))) {
                // HAPI fixed the id before this hook: it can no longer be changed, only refused
                throw new DeidentificationException(DeidentificationException.Reason.CLIENT_ID_NOT_PSEUDONYMISED);
            }
            deidentifier.checkExternalizedData(resource, previous);
            Set<String> known = new HashSet<>();
            if (request != null && request.getUserData().containsKey(BUNDLE_FINGERPRINTS)) {
                known.addAll(bundleFingerprints(request));
            }
            for (String patientId : deidentifier.referencedPatientIds(resource)) {
                known.addAll(store.fingerprints(patientId));
                pendingPatients(transactionDetails, patientId).forEach(p -> known.addAll(p.fingerprints()));
            }
            Set<String> own = null;
            String seed;
            if (resource instanceof Patient) {
                own = deidentifier.fingerprints(resource);
                known.addAll(own);
                seed = patientSeed(resource);
            } else {
                seed = referencedPatientSeed(resource, request, transactionDetails);
            }
            ResourceDeidentifier.Outcome outcome = deidentifier.deidentify(resource,
                    new ResourceDeidentifier.Context(known, seed, previous));
            if (own != null) {
                remember(resource, own, seed, transactionDetails);
            }
            LOG.debug("De-identified {}: changed={}, pseudonymised={}, removed={}, scrubbed={}, fingerprints={}",
                    type, outcome.changed(), outcome.pseudonymised(), outcome.removed(), outcome.scrubbed(),
                    known.size());
        } catch (RuntimeException e) {
            throw refuse(type, e);
        }
    }

    /** The seed a Patient's dates move by: the one remembered for its id, else derived from the resource. */
    private String patientSeed(IBaseResource patient) {
        String id = patient.getIdElement().getIdPart();
        String known = id == null ? null : store.dateShiftSeed(deidentifier.pseudonymousId(patient));
        return known != null ? known : deidentifier.dateShiftSeed(patient);
    }

    /** The seed of the first patient the resource references: same transaction, remembered, or by its id. */
    private String referencedPatientSeed(IBaseResource resource, RequestDetails request, TransactionDetails transactionDetails) {
        if (request != null && request.getUserData().containsKey(BUNDLE_SEEDS)) {
            Map<String, String> seeds = bundleSeeds(request);
            for (String reference : deidentifier.referenceValues(resource)) {
                if (seeds.containsKey(reference)) {
                    return seeds.get(reference);
                }
            }
        }
        for (String patientId : deidentifier.referencedPatientIds(resource)) {
            String known = store.dateShiftSeed(patientId);
            if (known != null) {
                return known;
            }
            for (PendingPatient pending : pendingPatients(transactionDetails, patientId)) {
                return pending.seed();
            }
            return ResourceDeidentifier.patientSeed(patientId);
        }
        return null;
    }

    private void remember(IBaseResource patient, Set<String> fingerprints, String seed, TransactionDetails transactionDetails) {
        String id = patient.getIdElement().getIdPart();
        if (id != null && !id.isBlank()) {
            store.remember(id, fingerprints);
            if (seed != null) {
                store.rememberDateShiftSeed(id, seed);
            }
        } else {
            patient.setUserData(PENDING_FINGERPRINTS, Set.copyOf(fingerprints));
            patient.setUserData(PENDING_SEED, seed);
        }
        if (transactionDetails != null) {
            Map<IBaseResource, PendingPatient> pending = transactionDetails.getOrCreateUserData(PENDING_PATIENTS,
                    () -> Collections.synchronizedMap(new IdentityHashMap<>()));
            pending.put(patient, new PendingPatient(Set.copyOf(fingerprints), seed));
        }
    }

    /** Patients written earlier in the same transaction whose id is now {@code patientId}. */
    private static List<PendingPatient> pendingPatients(TransactionDetails transactionDetails, String patientId) {
        if (transactionDetails == null) {
            return List.of();
        }
        Map<IBaseResource, PendingPatient> pending = transactionDetails.getUserData(PENDING_PATIENTS);
        if (pending == null) {
            return List.of();
        }
        List<PendingPatient> out = new ArrayList<>();
        synchronized (pending) {
            for (Map.Entry<IBaseResource, PendingPatient> entry : pending.entrySet()) {
                if (patientId.equals(entry.getKey().getIdElement().getIdPart())) {
                    out.add(entry.getValue());
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
            if (resource.getUserData(PENDING_SEED) instanceof String seed) {
                store.rememberDateShiftSeed(id, seed);
            }
            resource.setUserData(PENDING_FINGERPRINTS, null);
            resource.setUserData(PENDING_SEED, null);
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
