package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.util.HapiExtensions;
import io.annota.deid.DeidentificationException.Reason;
import io.annota.deid.ElementTree.Node;
import io.annota.deid.rules.DateShifter;
import io.annota.deid.rules.FieldCipher;
import io.annota.deid.rules.Parameters.Generalization;
import io.annota.deid.rules.Perturber;
import io.annota.deid.rules.Rule;
import io.annota.deid.rules.RuleFileParser;
import io.annota.deid.rules.RuleSet;
import io.annota.deid.rules.RuleSet.Options;
import io.annota.deid.rules.RuleSet.TextDates;
import io.annota.deid.rules.RuleSet.TextPlaces;
import io.annota.deid.text.Lexicon;
import io.annota.deid.text.Surrogates;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * The de-identification engine: applies a {@link RuleSet} (a built-in profile, optionally preceded by the rules of a
 * rule file) to FHIR R4 resources, in place, contained and embedded resources included. Rules are tried in order;
 * the first rule that selects an element decides what happens to it ({@code keep} and {@code redact} decide for
 * everything inside it too). Free text that no rule decided on ({@code string}, {@code markdown}, text attachments)
 * goes through the {@link TextScrubber}; content that can be neither scrubbed nor kept by a rule (other attachment
 * data, unclaimed narrative) is removed or refused: it never passes through. Thread-safe.
 *
 * <p>If {@link #deidentify} throws, the resource may be partly modified and must not be stored.
 */
public final class ResourceDeidentifier {

    public static final String SECURITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    /** Pseudonymised: keyed hashes, pseudonymous ids, shifted dates, surrogates, perturbed numbers. */
    public static final String PSEUDED = "PSEUDED";
    /** Something was removed or replaced by a placeholder. */
    public static final String REDACTED = "REDACTED";
    /** Something was encrypted. */
    public static final String MASKED = "MASKED";
    /** Something was generalised (a date to its year, a ZIP code to three digits). */
    public static final String ABSTRED = "ABSTRED";
    /** The pseudonymisation domain of identifiers without a system. */
    public static final String NO_SYSTEM = "urn:annota:no-system";
    /** The built-in profiles. */
    public static final Set<String> PROFILES = Set.of(DeidentificationSettings.SAFE_HARBOR,
            DeidentificationSettings.LIMITED_DATA_SET);

    /** References to these types may carry a person's name as display: it is removed. */
    private static final Set<String> PERSON_TYPES = Set.of("Patient", "RelatedPerson", "Practitioner",
            "PractitionerRole", "Person", "Group");
    /** Three-digit ZIP areas with 20,000 people or fewer (HHS Safe Harbor guidance): reported as 000. */
    private static final Set<String> SPARSE_ZIP3 = Set.of("036", "059", "063", "102", "203", "556", "692", "790",
            "821", "823", "830", "831", "878", "879", "884", "890", "893");
    private static final Set<String> TEXT_TYPES = Set.of("string", "markdown");
    private static final Set<String> DATE_TYPES = Set.of("date", "dateTime", "instant");
    private static final Map<String, String> SECURITY_DISPLAYS = Map.of(PSEUDED, "pseudonymized", REDACTED,
            "redacted", MASKED, "masked", ABSTRED, "abstracted");
    private static final Options DEFAULTS = new Options(365, false, TextDates.SHIFT, TextPlaces.REMOVE, true);

    /** HAPI's extension pointing at attachment data moved to its binary storage. */
    public static final String EXTERNALIZED_BINARY_ID = HapiExtensions.EXT_EXTERNALIZED_BINARY_ID;

    /** What a call changed; counts only, never values. */
    public record Outcome(boolean changed, int pseudonymised, int removed, int scrubbed) {
    }

    /**
     * What de-identifying one resource needs to know besides the resource.
     *
     * @param fingerprints  keyed fingerprints of the patient's identifying values, to find them in free text
     * @param dateShiftSeed the patient's date-shift seed ({@link #dateShiftSeed}), or null to derive it from the
     *                      resource
     * @param previous      the stored version an update replaces, or null: values equal to the stored ones at the
     *                      same place were de-identified when stored and are left alone (no second shift or hash)
     */
    public record Context(Set<String> fingerprints, String dateShiftSeed, IBaseResource previous) {
        public Context {
            fingerprints = fingerprints == null ? Set.of() : fingerprints;
        }
    }

    private final FhirContext context;
    private final Pseudonymizer pseudonymizer;
    private final ResourceIdPseudonymizer ids;
    private final Fingerprinter fingerprinter;
    private final TextScrubber scrubber;
    private final Surrogates surrogates;
    private final ElementTree tree;
    private final IFhirPath fhirPath;
    private final RuleSet rules;
    private final Options options;
    private final DateShifter dateShifter;
    private final FieldCipher cipher;
    private final Perturber perturber;

    /**
     * @throws io.annota.deid.rules.RuleFileException if the rule file is invalid (the message names file, line,
     *                                                rule and reason)
     * @throws IllegalArgumentException               for an unknown profile
     */
    public ResourceDeidentifier(FhirContext context, DeidentificationSettings settings) {
        this.context = Objects.requireNonNull(context, "context");
        if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("a FHIR R4 context is required");
        }
        if (!PROFILES.contains(settings.profile())) {
            throw new IllegalArgumentException("unknown de-identification profile '" + settings.profile()
                    + "' (known: " + String.join(", ", new TreeSet<>(PROFILES)) + ")");
        }
        this.fhirPath = context.newFhirPath();
        RuleFileParser parser = new RuleFileParser(context, fhirPath);
        RuleSet profile = parser.parseResource("/io/annota/deid/profiles/" + settings.profile() + ".yaml");
        this.rules = settings.rulesFile() == null ? profile : RuleSet.concat(parser.parse(settings.rulesFile()), profile);
        this.options = rules.options().over(DEFAULTS);
        byte[] key = settings.key();
        this.pseudonymizer = new Pseudonymizer(key);
        this.ids = new ResourceIdPseudonymizer(context, pseudonymizer);
        this.fingerprinter = new Fingerprinter(pseudonymizer);
        this.scrubber = new TextScrubber(pseudonymizer,
                options.surrogates() ? TextScrubber.Replacement.SURROGATES : TextScrubber.Replacement.TAGS,
                options.textPlaces() == TextPlaces.KEEP_TOWNS);
        this.surrogates = new Surrogates(pseudonymizer, Lexicon.get());
        this.tree = new ElementTree(context);
        this.dateShifter = new DateShifter(pseudonymizer);
        this.cipher = new FieldCipher(key);
        this.perturber = new Perturber(pseudonymizer);
    }

    public Pseudonymizer pseudonymizer() {
        return pseudonymizer;
    }

    public TextScrubber textScrubber() {
        return scrubber;
    }

    /** The rules in effect, in order. */
    public RuleSet rules() {
        return rules;
    }

    /** The options in effect. */
    public Options options() {
        return options;
    }

    /**
     * Keyed fingerprints of every identifying value in the resource (names, identifiers, phone numbers,
     * addresses; for a Patient also birth and death date, and its contacts' values). Call before
     * {@link #deidentify}, which removes the values.
     */
    public Set<String> fingerprints(IBaseResource resource) {
        requireR4(resource);
        return fingerprints(tree.walk(resource));
    }

    private Set<String> fingerprints(List<Node> nodes) {
        Set<String> out = new HashSet<>();
        for (Node node : nodes) {
            Object element = node.element();
            if (element instanceof HumanName name) {
                fingerprinter.addName(name, out);
            } else if (element instanceof Identifier identifier) {
                fingerprinter.addIdentifier(identifier, out);
            } else if (element instanceof ContactPoint contactPoint) {
                fingerprinter.addContactPoint(contactPoint, out);
            } else if (element instanceof Address address) {
                fingerprinter.addAddress(address, out);
            } else if (element instanceof Patient patient) {
                if (patient.hasBirthDateElement()) {
                    fingerprinter.addDate(patient.getBirthDateElement(), out);
                }
                if (patient.hasDeceasedDateTimeType()) {
                    fingerprinter.addDate(patient.getDeceasedDateTimeType(), out);
                }
            }
        }
        return out;
    }

    /** Logical ids of the Patients the resource references (subject, patient, author...), in order. */
    public Set<String> referencedPatientIds(IBaseResource resource) {
        requireR4(resource);
        return referencedPatientIds(tree.walk(resource));
    }

    private Set<String> referencedPatientIds(List<Node> nodes) {
        Set<String> ids = new LinkedHashSet<>();
        for (Node node : nodes) {
            if (node.element() instanceof Reference reference && reference.hasReference()) {
                IIdType id = reference.getReferenceElement();
                if (!id.isLocal() && "Patient".equals(id.getResourceType()) && id.hasIdPart()) {
                    ids.add(pseudonymizer.pseudonymousId("Patient", id.getIdPart()));
                }
            }
        }
        return ids;
    }

    /** Every Reference.reference value in the resource, as written. */
    public Set<String> referenceValues(IBaseResource resource) {
        requireR4(resource);
        Set<String> out = new LinkedHashSet<>();
        for (Node node : tree.walk(resource)) {
            if (node.element() instanceof Reference reference && reference.hasReference()) {
                out.add(reference.getReference());
            }
        }
        return out;
    }

    /**
     * The seed of the resource's patient's date offset when nothing better is known: for a Patient its
     * (pseudonymous) id, or, before the server assigned one, a keyed hash of its first identifier; for other
     * resources the first Patient they reference. Null if there is no patient.
     */
    public String dateShiftSeed(IBaseResource resource) {
        requireR4(resource);
        return dateShiftSeed(resource, null);
    }

    /** @param nodes the resource's walk when the caller has it, else null */
    private String dateShiftSeed(IBaseResource resource, List<Node> nodes) {
        if (resource instanceof Patient patient) {
            if (patient.getIdElement().getIdPart() != null) {
                return patientSeed(pseudonymousId(patient));
            }
            for (Identifier identifier : patient.getIdentifier()) {
                if (identifier.hasValue()) {
                    String system = identifier.hasSystem() ? identifier.getSystem() : NO_SYSTEM;
                    return "identifier:" + pseudonymizer.pseudonym("dateshift-seed", system + '\u001f' + identifier.getValue());
                }
            }
            return null;
        }
        Set<String> patients = referencedPatientIds(nodes != null ? nodes : tree.walk(resource));
        return patients.isEmpty() ? null : patientSeed(patients.iterator().next());
    }

    /** The seed of a stored Patient known by its logical id only. */
    public static String patientSeed(String patientId) {
        return "Patient/" + patientId;
    }

    /** The patient's date offset in days under the configured range. */
    public int dateShiftDays(String seed) {
        return dateShifter.offsetDays(seed, options.maxShiftDays());
    }

    /** The id under which the resource is to be stored: its own id, or the pseudonym of a client-assigned one. */
    public String pseudonymousId(IBaseResource resource) {
        String id = resource.getIdElement().getIdPart();
        if (id == null || !options.pseudonymizeIds()) {
            return id;
        }
        return pseudonymizer.pseudonymousId(context.getResourceType(resource), id);
    }

    /**
     * Refuses attachment data held in HAPI's binary storage (an {@value #EXTERNALIZED_BINARY_ID} extension)
     * unless the previous version of the resource already referenced the same blob: such data was not in
     * the resource when it passed de-identification (HAPI's {@code $binary-access-write} stores large data
     * before the update), so it cannot have been scrubbed.
     *
     * @param previous the stored version being replaced, or null for a create
     * @throws DeidentificationException if a blob is referenced that the previous version did not reference
     */
    public void checkExternalizedData(IBaseResource resource, IBaseResource previous) {
        Set<String> referenced = externalizedBinaryIds(resource);
        if (referenced.isEmpty()) {
            return;
        }
        if (previous != null) {
            referenced.removeAll(externalizedBinaryIds(previous));
        }
        if (!referenced.isEmpty()) {
            throw new DeidentificationException(Reason.EXTERNALIZED_DATA);
        }
    }

    private Set<String> externalizedBinaryIds(IBaseResource resource) {
        requireR4(resource);
        Set<String> ids = new HashSet<>();
        for (Node node : tree.walk(resource)) {
            if (node.element() instanceof Extension extension && EXTERNALIZED_BINARY_ID.equals(extension.getUrl())) {
                ids.add(extension.hasValue() ? String.valueOf(extension.getValue().primitiveValue()) : "");
            }
        }
        return ids;
    }

    /** {@link #deidentify(IBaseResource, Context)} with the patient's fingerprints only. */
    public Outcome deidentify(IBaseResource resource, Set<String> knownFingerprints) {
        return deidentify(resource, new Context(knownFingerprints, null, null));
    }

    /**
     * De-identifies {@code resource} in place. Free text is scrubbed with the context's fingerprints plus those of
     * the values found in the resource itself.
     *
     * @throws DeidentificationException if the resource holds content that cannot be de-identified
     */
    public Outcome deidentify(IBaseResource resource, Context context) {
        requireR4(resource);
        List<Node> nodes = tree.walk(resource);
        Set<String> scrubWith = new HashSet<>(context.fingerprints());
        scrubWith.addAll(fingerprints(nodes));
        // every set here comes from this Fingerprinter, which indexes where names and addresses start: without the
        // marker a set holding no name at all would make the scrubber try every phrase
        scrubWith.add(fingerprinter.startIndexMarker());
        // a kept client-assigned id is in every URL of the resource: refuse one holding a known value
        if (!options.pseudonymizeIds() && scrubber.containsKnownValue(resource.getIdElement().getIdPart(), scrubWith)) {
            throw new DeidentificationException(Reason.IDENTIFYING_ID);
        }
        Work work = new Work(resource, nodes, scrubWith, preservedValues(context.previous()));
        assignSeeds(work, context.dateShiftSeed());
        if (options.pseudonymizeIds()) {
            pseudonymiseIds(work);
        }
        for (Rule rule : rules.rules()) {
            apply(rule, work);
        }
        scrubUnclaimed(work);
        work.label();
        return new Outcome(work.anyChange(), work.pseudonymised, work.removed, work.scrubbed);
    }

    private void requireR4(IBaseResource resource) {
        Objects.requireNonNull(resource, "resource");
        if (!(resource instanceof Resource)) {
            throw new DeidentificationException(Reason.UNSUPPORTED_MODEL);
        }
    }

    // ---- seeds and ids ---------------------------------------------------------------------------------------

    /** Every resource in the tree gets its patient's seed; contained resources share their container's. */
    private void assignSeeds(Work work, String rootSeed) {
        Map<String, String> bundlePatients = new HashMap<>();
        if (work.root instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Patient patient && entry.hasFullUrl()) {
                    bundlePatients.put(entry.getFullUrl(), dateShiftSeed(patient));
                }
            }
        }
        for (Node node : work.nodes) {
            if (!(node.element() instanceof IBaseResource resource)) {
                continue;
            }
            String seed;
            if (resource == work.root) {
                seed = rootSeed != null ? rootSeed : dateShiftSeed(resource, work.nodes);
            } else if (node.parent() instanceof IBaseResource container) {
                seed = work.seeds.get(container);
            } else {
                seed = bundleSeed(resource, bundlePatients);
            }
            work.seeds.put(resource, seed);
        }
    }

    private String bundleSeed(IBaseResource resource, Map<String, String> bundlePatients) {
        if (!(resource instanceof Patient)) {
            for (Node node : tree.walk(resource)) {
                if (node.element() instanceof Reference reference && bundlePatients.containsKey(reference.getReference())) {
                    return bundlePatients.get(reference.getReference());
                }
            }
        }
        return dateShiftSeed(resource);
    }

    /** Client-assigned ids of the root and of Bundle entries, and the entries' full URLs and request URLs. */
    private void pseudonymiseIds(Work work) {
        for (Node node : work.nodes) {
            if (node.element() instanceof IBaseResource resource && !(node.parent() instanceof IBaseResource)
                    && ids.rewriteOwnId(context, resource)) {
                work.mark(resource, PSEUDED);
            }
        }
        if (work.root instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasFullUrl()) {
                    String mapped = ids.reference(entry.getFullUrl());
                    if (!mapped.equals(entry.getFullUrl())) {
                        entry.setFullUrl(mapped);
                        work.mark(bundle, PSEUDED);
                    }
                }
                if (entry.hasRequest() && entry.getRequest().hasUrl()) {
                    String mapped = ids.requestUrl(entry.getRequest().getUrl());
                    if (!mapped.equals(entry.getRequest().getUrl())) {
                        entry.getRequest().setUrl(mapped);
                        work.mark(bundle, PSEUDED);
                    }
                }
            }
        }
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    private void apply(Rule rule, Work work) {
        for (Node resourceNode : work.resourceNodes) {
            IBaseResource resource = (IBaseResource) resourceNode.element();
            if (!rule.appliesTo(context.getResourceType(resource)) || work.isDone(resourceNode)) {
                continue;
            }
            for (Node target : select(rule, resource, work)) {
                if (!work.isDone(target)) {
                    applyMethod(rule, target, work);
                }
            }
        }
    }

    private List<Node> select(Rule rule, IBaseResource resource, Work work) {
        List<Node> out = new ArrayList<>();
        if (rule.expression() != null) {
            List<IBase> results;
            try {
                results = fhirPath.evaluate(resource, rule.expression(), IBase.class);
            } catch (RuntimeException e) {
                throw new DeidentificationException(Reason.RULE_NOT_APPLICABLE,
                        "rule " + rule.describe() + ": FHIRPath evaluation failed (" + e.getClass().getSimpleName() + ")");
            }
            for (IBase result : results) {
                Node node = work.index.get(result);
                if (node != null && node.owner() == resource || node != null && node.element() == resource) {
                    out.add(node);
                }
            }
        } else {
            for (String type : rule.types()) {
                for (Node node : work.byType.getOrDefault(type, List.of())) {
                    if (node.owner() == resource && node.element() != resource) {
                        out.add(node);
                    }
                }
            }
            if (rule.types().size() > 1) {
                out.sort(java.util.Comparator.comparingInt(n -> work.positions.get(n.element())));
            }
        }
        return out;
    }

    private void applyMethod(Rule rule, Node node, Work work) {
        IBaseResource owner = node.owner();
        switch (rule.method()) {
            case KEEP -> work.claimTree(node);
            case REDACT -> {
                if (node.parent() == null) {
                    throw notApplicable(rule, node);
                }
                ElementTree.remove(node);
                work.claimTree(node);
                work.removed(owner);
            }
            case CRYPTO_HASH -> cryptoHash(rule, node, work);
            case ENCRYPT -> forEachPrimitive(node, work, TEXT_TYPES, rule, p -> {
                String value = ((IPrimitiveType<?>) p.element()).getValueAsString();
                if (!FieldCipher.isCiphertext(value)) {
                    ((IPrimitiveType<?>) p.element()).setValueAsString(cipher.encrypt(value));
                    work.mark(owner, MASKED);
                }
            });
            case DATE_SHIFT -> {
                int days = dateShiftDays(work.seeds.get(owner));
                forEachPrimitive(node, work, DATE_TYPES, rule, p -> {
                    if (DateShifter.shift((BaseDateTimeType) p.element(), days)) {
                        work.pseudonymised(owner);
                    }
                });
            }
            case SUBSTITUTE -> substitute(rule, node, work);
            case PERTURB -> perturb(rule, node, work);
            case GENERALIZE -> generalize(rule, node, work);
        }
    }

    private static DeidentificationException notApplicable(Rule rule, Node node) {
        return new DeidentificationException(Reason.RULE_NOT_APPLICABLE, "rule " + rule.describe() + " at "
                + node.path().replaceAll("\\[\\d+]", ""));
    }

    /** Runs {@code action} on the node if it is a primitive of one of {@code types}, else on such primitives inside it. */
    private void forEachPrimitive(Node node, Work work, Set<String> types, Rule rule, java.util.function.Consumer<Node> action) {
        if (node.element() instanceof IPrimitiveType<?>) {
            if (!types.contains(tree.typeName(node))) {
                throw notApplicable(rule, node);
            }
            if (!((IPrimitiveType<?>) node.element()).isEmpty() && ((IPrimitiveType<?>) node.element()).getValue() != null) {
                action.accept(node);
            }
            work.claim(node);
            return;
        }
        for (Node inner : work.descendants(node)) {
            if (inner.element() instanceof IPrimitiveType<?> primitive && !work.isDone(inner)
                    && types.contains(tree.typeName(inner)) && primitive.getValue() != null) {
                action.accept(inner);
                work.claim(inner);
            }
        }
    }

    private void cryptoHash(Rule rule, Node node, Work work) {
        IBaseResource owner = node.owner();
        if (node.element() instanceof Identifier identifier) {
            Node value = work.child(node, identifier.getValueElement());
            if (value != null && !work.isDone(value) && identifier.hasValue()) {
                if (!Pseudonymizer.isPseudonym(identifier.getValue())) {
                    String domain = identifier.hasSystem() ? identifier.getSystem() : NO_SYSTEM;
                    identifier.setValue(pseudonymizer.pseudonym(domain, identifier.getValue()));
                }
                work.claim(value);
                work.pseudonymised(owner);
            }
            work.claim(node);
        } else if (node.element() instanceof Reference reference) {
            Node target = work.child(node, reference.getReferenceElement_());
            if (target != null && !work.isDone(target)) {
                String mapped = ids.reference(reference.getReference());
                if (!Objects.equals(mapped, reference.getReference())) {
                    reference.setReference(mapped);
                    work.pseudonymised(owner);
                }
                work.claim(target);
            }
            Node display = work.child(node, reference.getDisplayElement());
            if (display != null && !work.isDone(display) && isPersonReference(reference)) {
                ElementTree.remove(display);
                work.claimTree(display);
                work.removed(owner);
            }
            work.claim(node);
        } else {
            String domain = rule.parameters().domain() == null ? "value" : rule.parameters().domain();
            forEachPrimitive(node, work, TEXT_TYPES, rule, p -> {
                IPrimitiveType<?> primitive = (IPrimitiveType<?>) p.element();
                if (!Pseudonymizer.isPseudonym(primitive.getValueAsString())) {
                    primitive.setValueAsString(pseudonymizer.pseudonym(domain, primitive.getValueAsString()));
                }
                work.pseudonymised(owner);
            });
        }
    }

    private boolean isPersonReference(Reference reference) {
        String type = referencedType(reference);
        return type == null || PERSON_TYPES.contains(type);
    }

    private String referencedType(Reference reference) {
        if (reference.getResource() != null) {
            return context.getResourceType(reference.getResource());
        }
        if (reference.hasReference() && !reference.getReferenceElement().isLocal()
                && reference.getReferenceElement().hasResourceType()) {
            return reference.getReferenceElement().getResourceType();
        }
        if (reference.hasType()) {
            String type = reference.getType();
            return type.substring(type.lastIndexOf('/') + 1);
        }
        return null;
    }

    private void substitute(Rule rule, Node node, Work work) {
        if (!(node.element() instanceof IPrimitiveType<?> primitive) || !TEXT_TYPES.contains(tree.typeName(node))) {
            throw notApplicable(rule, node);
        }
        String replacement = rule.parameters().surrogate() != null
                ? surrogates.surrogate(rule.parameters().surrogate(), primitive.getValueAsString())
                : rule.parameters().value();
        if (!Objects.equals(replacement, primitive.getValueAsString())) {
            primitive.setValueAsString(replacement);
            work.pseudonymised(node.owner());
        }
        work.claim(node);
    }

    private void perturb(Rule rule, Node node, Work work) {
        Node target = node;
        if (node.element() instanceof Quantity quantity) {
            target = work.child(node, quantity.getValueElement());
            work.claim(node);
            if (target == null) {
                return;
            }
        }
        if (target.element() instanceof DecimalType decimal && decimal.getValue() != null) {
            BigDecimal noisy = perturber.perturb(decimal.getValue(), target.path(), rule.parameters());
            decimal.setValue(noisy);
        } else if (target.element() instanceof IntegerType integer && integer.getValue() != null) {
            BigDecimal noisy = perturber.perturb(BigDecimal.valueOf(integer.getValue()), target.path(), rule.parameters());
            integer.setValue(noisy.setScale(0, java.math.RoundingMode.HALF_EVEN).intValueExact());
        } else if (!(target.element() instanceof DecimalType) && !(target.element() instanceof IntegerType)) {
            throw notApplicable(rule, node);
        }
        work.claim(target);
        work.pseudonymised(node.owner());
    }

    private void generalize(Rule rule, Node node, Work work) {
        IBaseResource owner = node.owner();
        switch (rule.parameters().to()) {
            case YEAR, MONTH -> {
                TemporalPrecisionEnum precision = rule.parameters().to() == Generalization.YEAR
                        ? TemporalPrecisionEnum.YEAR
                        : TemporalPrecisionEnum.MONTH;
                forEachPrimitive(node, work, DATE_TYPES, rule, p -> {
                    if (DateShifter.truncate((BaseDateTimeType) p.element(), precision)) {
                        work.mark(owner, ABSTRED);
                    }
                });
            }
            case BIRTH_YEAR -> forEachPrimitive(node, work, DATE_TYPES, rule, p -> {
                BaseDateTimeType date = (BaseDateTimeType) p.element();
                if (DateShifter.revealsAgeOver89(date)) {
                    ElementTree.remove(p);
                    work.removed(owner);
                } else if (DateShifter.truncate(date, TemporalPrecisionEnum.YEAR)) {
                    work.mark(owner, ABSTRED);
                }
            });
            case ZIP3, CITY -> {
                if (node.element() instanceof Address address) {
                    reduce(address, rule.parameters().to() == Generalization.CITY, node, work);
                } else if (node.element() instanceof StringType postalCode) {
                    String zip3 = zip3(postalCode.getValue());
                    if (!Objects.equals(zip3, postalCode.getValue())) {
                        postalCode.setValue(zip3);
                        work.mark(owner, ABSTRED);
                    }
                    work.claim(node);
                } else {
                    throw notApplicable(rule, node);
                }
            }
            case AGE_90 -> ageOver89(rule, node, work);
        }
    }

    /** Street lines, text and extensions go; with {@code keepCity} town and full ZIP stay, else ZIP to 3 digits. */
    private void reduce(Address address, boolean keepCity, Node node, Work work) {
        IBaseResource owner = node.owner();
        boolean removed = address.hasLine() || address.hasText() || address.hasExtension()
                || !keepCity && (address.hasCity() || address.hasDistrict());
        address.setLine(null);
        address.setTextElement(null);
        address.setExtension(null);
        if (!keepCity) {
            address.setCityElement(null);
            address.setDistrictElement(null);
            if (address.hasPostalCodeElement()) {
                String zip3 = zip3(address.getPostalCode());
                if (!Objects.equals(zip3, address.getPostalCode()) || address.getPostalCodeElement().hasExtension()) {
                    address.setPostalCodeElement(zip3 == null ? null : new StringType(zip3));
                    work.mark(owner, ABSTRED);
                }
            }
        }
        if (removed) {
            work.removed(owner);
        }
        // what is left (state, country, kept town or ZIP) is decided; the period's dates are still to be shifted
        for (Node inner : work.descendants(node)) {
            if (!inner.path().startsWith(node.path() + ".period[")) {
                work.claim(inner);
            }
        }
        work.claim(node);
    }

    private static String zip3(String postalCode) {
        String trimmed = postalCode == null ? "" : postalCode.trim();
        if (trimmed.length() < 3 || !TextForms.isDigits(trimmed.substring(0, 3))) {
            return null;
        }
        String zip3 = trimmed.substring(0, 3);
        return SPARSE_ZIP3.contains(zip3) ? "000" : zip3;
    }

    private void ageOver89(Rule rule, Node node, Work work) {
        IBaseResource owner = node.owner();
        if (node.element() instanceof Quantity quantity) {
            if (quantity.hasValue() && quantity.getValue().compareTo(BigDecimal.valueOf(89)) > 0 && isYears(quantity)) {
                quantity.setValue(90);
                quantity.setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL);
                work.mark(owner, ABSTRED);
            }
            work.claimTree(node);
        } else if (node.element() instanceof IntegerType integer) {
            if (integer.getValue() != null && integer.getValue() > 89) {
                integer.setValue(90);
                work.mark(owner, ABSTRED);
            }
            work.claim(node);
        } else {
            throw notApplicable(rule, node);
        }
    }

    private static boolean isYears(Quantity quantity) {
        String code = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        return code == null || "a".equals(code) || code.toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    // ---- free text no rule decided on ------------------------------------------------------------------------

    private void scrubUnclaimed(Work work) {
        for (Node node : work.nodes) {
            if (work.isDone(node)) {
                continue;
            }
            IBase element = node.element();
            IBaseResource owner = node.owner();
            if (element instanceof Attachment attachment) {
                deidentifyAttachment(attachment, node, work);
            } else if (element instanceof Binary binary && binary.hasData()) {
                byte[] scrubbed = TextData.scrub(binary.getContentType(), binary.getData(), text -> scrubText(text, owner, work));
                if (scrubbed != null) {
                    binary.setData(scrubbed);
                    work.scrubbed(owner);
                }
                work.claim(work.child(node, binary.getDataElement()));
            } else if (element instanceof IPrimitiveType<?> primitive && TEXT_TYPES.contains(tree.typeName(node))) {
                String text = primitive.getValueAsString();
                String scrubbed = scrubText(text, owner, work);
                if (!Objects.equals(text, scrubbed)) {
                    primitive.setValueAsString(scrubbed);
                    work.scrubbed(owner);
                }
                work.claim(node);
            } else if (element instanceof Base64BinaryType || element instanceof XhtmlNode
                    || "xhtml".equals(tree.typeName(node))) {
                // bytes or markup no rule kept: they cannot be scrubbed here, so they do not pass
                ElementTree.remove(node);
                work.claimTree(node);
                work.removed(owner);
            }
        }
    }

    private String scrubText(String text, IBaseResource owner, Work work) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return scrubber.scrub(text, work.fingerprints, textShiftDays(owner, work));
    }

    /** The days dates in free text move by: the patient's offset, 0 to keep them, null to tag them. */
    private Integer textShiftDays(IBaseResource owner, Work work) {
        return switch (options.textDates()) {
            case SHIFT -> dateShiftDays(work.seeds.get(owner));
            case KEEP -> 0;
            case TAG -> null;
        };
    }

    private void deidentifyAttachment(Attachment attachment, Node node, Work work) {
        IBaseResource owner = node.owner();
        Node data = work.child(node, attachment.getDataElement());
        if (attachment.hasData() && data != null && !work.isDone(data)) {
            byte[] scrubbed = TextData.scrub(attachment.getContentType(), attachment.getData(),
                    text -> scrubText(text, owner, work));
            if (scrubbed != null) {
                attachment.setData(scrubbed);
                if (attachment.hasSize()) {
                    attachment.setSize(scrubbed.length);
                }
                if (attachment.hasHash()) {
                    attachment.setHash(TextData.sha1(scrubbed));
                }
                work.scrubbed(owner);
            }
            work.claim(data);
            claimIfPresent(work, node, attachment.getSizeElement());
            claimIfPresent(work, node, attachment.getHashElement());
        } else if (!attachment.hasData() && (attachment.hasHash() || attachment.hasSize())
                && !attachment.hasExtension(EXTERNALIZED_BINARY_ID)) {
            // size and hash describe content elsewhere (which may hold PHI): a hash could confirm a guess.
            // Externalized data (checked by checkExternalizedData) was scrubbed before HAPI moved it.
            attachment.setHashElement(null);
            attachment.setSizeElement(null);
            work.removed(owner);
        }
        work.claim(node);
    }

    private static void claimIfPresent(Work work, Node parent, IBase child) {
        Node node = work.child(parent, child);
        if (node != null) {
            work.claim(node);
        }
    }

    /** (path, value) of every primitive of the stored version: equal values in the update were de-identified then. */
    private Set<String> preservedValues(IBaseResource previous) {
        if (previous == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (Node node : tree.walk(previous)) {
            if (node.element() instanceof IPrimitiveType<?> primitive && primitive.getValueAsString() != null) {
                out.add(node.path().substring(node.path().indexOf('.') + 1) + '\u001f' + primitive.getValueAsString());
            }
        }
        return out;
    }

    /** Per-call bookkeeping: which elements are decided, which resources changed how, counts. */
    private final class Work {
        private final IBaseResource root;
        private final List<Node> nodes;
        private final List<Node> resourceNodes = new ArrayList<>();
        private final Map<IBase, Node> index = new IdentityHashMap<>();
        private final Map<IBase, Integer> positions = new IdentityHashMap<>();
        private final Map<String, List<Node>> byType = new HashMap<>();
        private final Set<String> fingerprints;
        private final Map<IBaseResource, String> seeds = new IdentityHashMap<>();
        /** Elements decided together with everything inside them (kept, removed). */
        private final Set<IBase> decidedTrees = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Elements decided by themselves. */
        private final Set<IBase> decided = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<IBaseResource, Set<String>> labels = new IdentityHashMap<>();
        private int pseudonymised;
        private int removed;
        private int scrubbed;

        Work(IBaseResource root, List<Node> nodes, Set<String> fingerprints, Set<String> preserved) {
            this.root = root;
            this.nodes = nodes;
            this.fingerprints = fingerprints;
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                index.put(node.element(), node);
                positions.put(node.element(), i);
                byType.computeIfAbsent(tree.typeName(node), k -> new ArrayList<>()).add(node);
                if (node.element() instanceof IBaseResource) {
                    resourceNodes.add(node);
                }
                if (!preserved.isEmpty() && node.element() instanceof IPrimitiveType<?> primitive
                        && primitive.getValueAsString() != null && preserved.contains(
                                node.path().substring(node.path().indexOf('.') + 1) + '\u001f' + primitive.getValueAsString())) {
                    decided.add(node.element());
                }
            }
        }

        Node child(Node parent, IBase element) {
            Node node = element == null ? null : index.get(element);
            return node != null && node.parent() == parent.element() ? node : null;
        }

        /** The nodes inside {@code node}, in document order (they follow it in the walk). */
        List<Node> descendants(Node node) {
            List<Node> out = new ArrayList<>();
            String prefix = node.path() + ".";
            for (int i = positions.get(node.element()) + 1; i < nodes.size(); i++) {
                Node next = nodes.get(i);
                if (!next.path().startsWith(prefix)) {
                    break;
                }
                out.add(next);
            }
            return out;
        }

        boolean isDone(Node node) {
            if (decided.contains(node.element())) {
                return true;
            }
            Node current = node;
            while (current != null) {
                if (decidedTrees.contains(current.element())) {
                    return true;
                }
                current = current.parent() == null ? null : index.get(current.parent());
            }
            return false;
        }

        void claim(Node node) {
            decided.add(node.element());
        }

        void claimTree(Node node) {
            decidedTrees.add(node.element());
        }

        void mark(IBaseResource owner, String code) {
            labels.computeIfAbsent(owner, k -> new LinkedHashSet<>()).add(code);
        }

        void pseudonymised(IBaseResource owner) {
            pseudonymised++;
            mark(owner, PSEUDED);
        }

        void removed(IBaseResource owner) {
            removed++;
            mark(owner, REDACTED);
        }

        void scrubbed(IBaseResource owner) {
            scrubbed++;
            mark(owner, REDACTED);
        }

        boolean anyChange() {
            return !labels.isEmpty();
        }

        /** Each changed resource gets labels for what was done to it; the root also those of what it contains. */
        void label() {
            if (labels.isEmpty()) {
                return;
            }
            Set<String> all = new LinkedHashSet<>();
            labels.values().forEach(all::addAll);
            labels.computeIfAbsent(root, k -> new LinkedHashSet<>()).addAll(all);
            for (Map.Entry<IBaseResource, Set<String>> entry : labels.entrySet()) {
                Resource resource = (Resource) entry.getKey();
                for (String code : entry.getValue()) {
                    addLabel(resource, code);
                }
            }
        }

        private static void addLabel(Resource resource, String code) {
            for (Coding existing : resource.getMeta().getSecurity()) {
                if (SECURITY_SYSTEM.equals(existing.getSystem()) && code.equals(existing.getCode())) {
                    return;
                }
            }
            resource.getMeta().addSecurity(new Coding(SECURITY_SYSTEM, code, SECURITY_DISPLAYS.get(code)));
        }
    }
}
